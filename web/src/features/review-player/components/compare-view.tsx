import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject } from "react";

import { capture } from "@/features/review-player/annotation";
import { GAP, paneSize, wipeClipPath, wipeCut, wipeFromPointer, type CompareMode } from "@/features/review-player/compare";
import { panBy, pictureRect, wheelFactor, zoomAt, type Rect, type Size, type View } from "@/features/review-player/zoom";

/** A press-and-release that moved less than this is a click (play/pause), not a pan. */
const CLICK_SLOP = 4;

export interface OtherPicture {
  label: string;
  source: Size;
  /** The other version's `<video>`, or a message while it is not ready. */
  picture: ReactNode;
}

interface Props {
  stage: RefObject<HTMLDivElement | null>;
  stageSize: Size;
  mode: CompareMode;
  label: string;
  source: Size;
  view: View;
  onView: (update: (view: View) => View) => void;
  /** The current version's `<video>` and its drawing layer (kept on top in a wipe). */
  primary: ReactNode;
  overlay: ReactNode;
  other: OtherPicture | null;
  /** Drag pans unless a drawing tool is in use; space held pans always. */
  drawing: boolean;
  spaceHeld: boolean;
  /** Called after a pan while space is held (so releasing space does not play). */
  onPanned: () => void;
  /** A click on the picture (no drag). */
  onClick: () => void;
}

const placed = (rect: Rect) => ({ left: rect.left, top: rect.top, width: rect.width, height: rect.height });

function Badge({ children, side }: { children: ReactNode; side: "left" | "right" }) {
  return <span className={`pointer-events-none absolute top-2 z-20 rounded bg-black/70 px-1.5 py-0.5 font-mono text-xs text-white ${side === "left" ? "left-2" : "right-2"}`}>{children}</span>;
}

/**
 * The picture area: one picture, or two side by side, or two in a wipe, zoomed and panned
 * together. The wheel zooms at the pointer, a drag pans, the wipe's divider is dragged (or
 * moved with ←/→ when focused). The pictures are placed at `pictureRect`, so the drawing
 * layer's box is the zoomed source frame and drawings stay in source pixels.
 */
export function CompareView({ stage, stageSize, mode, label, source, view, onView, primary, overlay, other, drawing, spaceHeld, onPanned, onClick }: Props) {
  const comparing = mode !== "off" && other !== null;
  const pane = paneSize(stageSize, comparing ? mode : "off");
  const rect = pictureRect(pane, source, view);
  const [divider, setDivider] = useState(0.5);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const dividing = useRef(false);

  // wheel zoom at the pointer (a non-passive listener, so the page does not scroll)
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = el.getBoundingClientRect();
      const side = comparing && mode === "side";
      const width = side ? (box.width - GAP) / 2 : box.width;
      const right = side && e.clientX - box.left > width + GAP / 2;
      const x = e.clientX - box.left - (right ? width + GAP : 0);
      onView((v) => zoomAt(v, wheelFactor(e.deltaY), [x, e.clientY - box.top], { width, height: box.height }));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [stage, comparing, mode, onView]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || (drawing && !spaceHeld)) return;
    capture(e);
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
    d.moved = true;
    d.x = e.clientX;
    d.y = e.clientY;
    onView((v) => panBy(v, dx, dy));
    if (spaceHeld) onPanned();
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (d && !d.moved && !drawing) onClick();
  };

  const onDividerKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    e.stopPropagation();
    setDivider((d) => Math.min(1, Math.max(0, d + (e.key === "ArrowLeft" ? -0.05 : 0.05))));
  };
  const moveDivider = (e: PointerEvent<HTMLDivElement>) => {
    const box = stage.current?.getBoundingClientRect();
    if (dividing.current && box) setDivider(wipeFromPointer(e.clientX, box));
  };

  const paneClass = "absolute overflow-hidden touch-none";
  const cursor = drawing && !spaceHeld ? undefined : "grab";
  const events = { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: () => (drag.current = null) };

  return (
    <div ref={stage} data-compare={comparing ? mode : "off"} className="relative min-h-40 flex-1 overflow-hidden bg-black select-none">
      <div data-pane="primary" className={paneClass} style={{ left: 0, top: 0, width: pane.width, height: pane.height, cursor }} {...events}>
        <div className="absolute" style={placed(rect)}>
          {primary}
          {comparing && mode === "wipe" && (
            <div data-wipe-cut={wipeCut(divider, pane.width, rect)} className="absolute inset-0" style={{ clipPath: wipeClipPath(wipeCut(divider, pane.width, rect)) }}>
              {other.picture}
            </div>
          )}
          {overlay}
        </div>
        {comparing && <Badge side="left">{label}</Badge>}
        {comparing && mode === "wipe" && <Badge side="right">{other.label}</Badge>}
      </div>
      {comparing && mode === "side" && (
        <div data-pane="other" className={paneClass} style={{ left: pane.width + GAP, top: 0, width: pane.width, height: pane.height, cursor }} {...events}>
          <div className="absolute" style={placed(pictureRect(pane, other.source, view))}>
            {other.picture}
          </div>
          <Badge side="left">{other.label}</Badge>
        </div>
      )}
      {comparing && mode === "wipe" && (
        <div
          role="slider"
          tabIndex={0}
          aria-label="Wipe divider"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(divider * 100)}
          className="absolute inset-y-0 z-20 w-4 -translate-x-1/2 cursor-ew-resize touch-none outline-none focus-visible:ring-2 focus-visible:ring-accent"
          style={{ left: divider * pane.width }}
          onKeyDown={onDividerKey}
          onPointerDown={(e) => {
            e.stopPropagation();
            capture(e);
            dividing.current = true;
          }}
          onPointerMove={moveDivider}
          onPointerUp={() => (dividing.current = false)}
        >
          <span className="absolute inset-y-0 left-1/2 w-0.5 -translate-x-1/2 bg-white shadow-[0_0_0_1px_rgba(0,0,0,.6)]" />
          <span className="absolute top-1/2 left-1/2 size-4 -translate-1/2 rounded-full border-2 border-white bg-black/60" />
        </div>
      )}
    </div>
  );
}
