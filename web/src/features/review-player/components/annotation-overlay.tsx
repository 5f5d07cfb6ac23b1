import { useRef, useState, type PointerEvent } from "react";

import type { Shape } from "@/api/review";
import {
  capture,
  isTooSmall,
  penShape,
  shapeFromDrag,
  textShape,
  toSource,
  type Point,
  type SourceSize,
  type Style,
  type Tool,
} from "@/features/review-player/annotation";

function arrowHead(start: Point, end: Point, size: number): string {
  const angle = Math.atan2(end[1] - start[1], end[0] - start[0]);
  const a = angle + Math.PI - 0.45;
  const b = angle + Math.PI + 0.45;
  return `${String(end[0] + size * Math.cos(a))},${String(end[1] + size * Math.sin(a))} ${String(end[0])},${String(end[1])} ${String(end[0] + size * Math.cos(b))},${String(end[1] + size * Math.sin(b))}`;
}

/** One annotation shape as SVG, in source-frame pixels. */
export function ShapeView({ shape }: { shape: Shape }) {
  const stroke = { stroke: shape.color, strokeWidth: shape.stroke_width, fill: "none", strokeLinecap: "round", strokeLinejoin: "round" } as const;
  switch (shape.type) {
    case "pen":
      return <polyline data-shape="pen" points={shape.points.map((p) => p.join(",")).join(" ")} {...stroke} />;
    case "rect":
      return <rect data-shape="rect" x={shape.x} y={shape.y} width={shape.width} height={shape.height} {...stroke} />;
    case "ellipse":
      return <ellipse data-shape="ellipse" cx={shape.cx} cy={shape.cy} rx={shape.rx} ry={shape.ry} {...stroke} />;
    case "arrow":
      return (
        <g data-shape="arrow">
          <line x1={shape.start[0]} y1={shape.start[1]} x2={shape.end[0]} y2={shape.end[1]} {...stroke} />
          <polyline points={arrowHead(shape.start, shape.end, shape.stroke_width * 4 + 12)} {...stroke} />
        </g>
      );
    case "text":
      return (
        <text data-shape="text" x={shape.x} y={shape.y} fill={shape.color} fontSize={shape.font_size} fontFamily="ui-sans-serif, system-ui" paintOrder="stroke" stroke="#000" strokeWidth={shape.font_size / 12}>
          {shape.text}
        </text>
      );
  }
}

interface Props {
  source: SourceSize;
  /** Saved drawings to show (a note's annotation on this frame). */
  shown: readonly Shape[];
  /** The drawing in progress. */
  draft: readonly Shape[];
  tool: Tool | null;
  style: Style;
  onAdd: (shape: Shape) => void;
}

/**
 * The drawing layer over the picture. Its viewBox is the source frame (e.g. 0 0 1920 1080),
 * so shapes are stored in source pixels and scale with the player; pointer positions are
 * converted with `toSource`.
 */
export function AnnotationOverlay({ source, shown, draft, tool, style, onAdd }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const [live, setLive] = useState<Shape | null>(null);
  const drag = useRef<{ start: Point; points: Point[] } | null>(null);
  const [textAt, setTextAt] = useState<Point | null>(null);
  const [text, setText] = useState("");

  const point = (e: PointerEvent) => {
    const box = svg.current?.getBoundingClientRect() ?? { left: 0, top: 0, width: source.width, height: source.height };
    return toSource(e.clientX, e.clientY, box, source);
  };
  const make = (start: Point, end: Point, points: Point[]): Shape | null => {
    if (!tool || tool === "text") return null;
    return tool === "pen" ? penShape(points, style) : shapeFromDrag(tool, start, end, style);
  };

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (!tool || e.button !== 0) return;
    e.preventDefault();
    const p = point(e);
    if (tool === "text") {
      setTextAt(p);
      setText("");
      return;
    }
    capture(e);
    drag.current = { start: p, points: [p] };
    setLive(make(p, p, [p]));
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = point(e);
    if (tool === "pen") d.points.push(p);
    setLive(make(d.start, p, d.points));
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    drag.current = null;
    const shape = make(d.start, point(e), d.points);
    setLive(null);
    if (shape && !isTooSmall(shape)) onAdd(shape);
  };
  const commitText = () => {
    if (textAt && text.trim()) onAdd(textShape(textAt, text.trim(), style, source.height));
    setTextAt(null);
    setText("");
  };

  return (
    <>
      <svg
        ref={svg}
        role="img"
        aria-label={tool ? `Drawing layer, ${tool} tool` : "Drawings"}
        viewBox={`0 0 ${String(source.width)} ${String(source.height)}`}
        preserveAspectRatio="none"
        className="absolute inset-0 size-full touch-none"
        style={{ cursor: tool ? "crosshair" : "default", pointerEvents: tool ? "auto" : "none" }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          setLive(null);
        }}
      >
        {shown.map((s, i) => <ShapeView key={`s${String(i)}`} shape={s} />)}
        {draft.map((s, i) => <ShapeView key={`d${String(i)}`} shape={s} />)}
        {live && <ShapeView shape={live} />}
      </svg>
      {textAt && (
        <input
          autoFocus
          aria-label="Text on the picture"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === "Enter") commitText();
            if (e.key === "Escape") setTextAt(null);
          }}
          onBlur={commitText}
          className="absolute z-10 w-48 rounded border border-accent bg-black/70 px-1.5 py-0.5 text-sm text-white outline-none"
          style={{ left: `${String((textAt[0] / source.width) * 100)}%`, top: `${String((textAt[1] / source.height) * 100)}%` }}
        />
      )}
    </>
  );
}
