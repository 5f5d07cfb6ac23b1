import { useRef, type PointerEvent } from "react";

import type { NoteRead } from "@/api/review";
import { capture } from "@/features/review-player/annotation";

interface Props {
  /** First frame number and frame count of the media. */
  first: number;
  count: number;
  /** The media frame (0-based) on screen. */
  index: number;
  loop: { in: number | null; out: number | null };
  filmstripUrl: string | null;
  /** One note per frame that has notes. */
  markers: readonly NoteRead[];
  onScrubStart: () => void;
  onSeek: (index: number) => void;
  onMarker: (note: NoteRead) => void;
}

/** The scrub bar over the filmstrip, with the loop range shaded and a marker per noted frame. */
export function Timeline({ first, count, index, loop, filmstripUrl, markers, onScrubStart, onSeek, onMarker }: Props) {
  const scrubbing = useRef(false);
  const scrubTo = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width <= 0) return;
    onSeek(Math.floor(((e.clientX - rect.left) / rect.width) * count));
  };
  const at = (frame: number) => `${String(((frame + 0.5) / count) * 100)}%`;
  return (
    <div
      role="slider"
      tabIndex={-1}
      aria-label="Timeline"
      aria-valuemin={first}
      aria-valuemax={first + count - 1}
      aria-valuenow={first + index}
      className="relative h-12 cursor-pointer touch-none overflow-hidden rounded-md bg-surface-2"
      style={filmstripUrl ? { backgroundImage: `url(${filmstripUrl})`, backgroundSize: "100% 100%" } : undefined}
      onPointerDown={(e) => {
        scrubbing.current = true;
        capture(e);
        onScrubStart();
        scrubTo(e);
      }}
      onPointerMove={(e) => scrubbing.current && scrubTo(e)}
      onPointerUp={() => {
        scrubbing.current = false;
      }}
    >
      {loop.in !== null && <span className="absolute inset-y-0 left-0 bg-black/50" style={{ width: at(loop.in) }} />}
      {loop.out !== null && <span className="absolute inset-y-0 right-0 bg-black/50" style={{ left: at(loop.out) }} />}
      <span aria-hidden="true" className="absolute inset-y-0 w-0.5 -translate-x-1/2 bg-accent shadow-[0_0_0_1px_rgba(0,0,0,.6)]" style={{ left: at(index) }} />
      {markers.map((note) => (
        <button
          key={note.id}
          type="button"
          aria-label={`Marker: note at frame ${String(note.frame_in)}`}
          onPointerDown={(e) => e.stopPropagation()}
          onClick={() => onMarker(note)}
          className="absolute top-0 size-3 -translate-x-1/2 rotate-45 border border-black/60 bg-warning"
          style={{ left: at((note.frame_in ?? first) - first), top: -6 }}
        />
      ))}
    </div>
  );
}
