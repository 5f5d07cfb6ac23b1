import type { PointerEvent } from "react";

import type { Annotation, Shape } from "@/api/review";

export type Tool = "pen" | "arrow" | "rect" | "ellipse" | "text";
export type Point = [number, number];

export interface Style {
  color: string;
  strokeWidth: number;
}

export interface SourceSize {
  width: number;
  height: number;
}

export const COLORS = ["#FF3B30", "#FFCC00", "#34C759", "#0A84FF", "#FFFFFF"] as const;
export const WIDTHS = [2, 4, 8] as const;

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * A pointer position (client pixels) → source-frame pixels: the overlay's box shows the whole
 * source frame, so x scales by `source.width / box.width`. Clamped to the frame.
 */
export function toSource(clientX: number, clientY: number, box: DOMRect | { left: number; top: number; width: number; height: number }, source: SourceSize): Point {
  const sx = box.width > 0 ? source.width / box.width : 1;
  const sy = box.height > 0 ? source.height / box.height : 1;
  const x = Math.min(source.width, Math.max(0, (clientX - box.left) * sx));
  const y = Math.min(source.height, Math.max(0, (clientY - box.top) * sy));
  return [round(x), round(y)];
}

/** The shape a drag from `start` to `end` (source pixels) makes with `tool`. */
export function shapeFromDrag(tool: Exclude<Tool, "text" | "pen">, start: Point, end: Point, style: Style): Shape {
  const base = { color: style.color, stroke_width: style.strokeWidth };
  const [x0, y0] = start;
  const [x1, y1] = end;
  switch (tool) {
    case "arrow":
      return { ...base, type: "arrow", start, end };
    case "rect":
      return { ...base, type: "rect", x: Math.min(x0, x1), y: Math.min(y0, y1), width: round(Math.abs(x1 - x0)), height: round(Math.abs(y1 - y0)) };
    case "ellipse":
      return { ...base, type: "ellipse", cx: round((x0 + x1) / 2), cy: round((y0 + y1) / 2), rx: round(Math.abs(x1 - x0) / 2), ry: round(Math.abs(y1 - y0) / 2) };
  }
}

export function penShape(points: Point[], style: Style): Shape {
  return { type: "pen", color: style.color, stroke_width: style.strokeWidth, points: points.slice(0, 5000) };
}

export function textShape(at: Point, text: string, style: Style, sourceHeight: number): Shape {
  return {
    type: "text",
    color: style.color,
    stroke_width: style.strokeWidth,
    x: at[0],
    y: at[1],
    text,
    font_size: Math.max(12, Math.round(sourceHeight / 24)),
  };
}

/** Tiny drags are clicks, not shapes. */
export function isTooSmall(shape: Shape): boolean {
  switch (shape.type) {
    case "rect":
      return shape.width < 2 && shape.height < 2;
    case "ellipse":
      return shape.rx < 1 && shape.ry < 1;
    case "arrow":
      return Math.hypot(shape.end[0] - shape.start[0], shape.end[1] - shape.start[1]) < 2;
    default:
      return false;
  }
}

export function toAnnotation(shapes: readonly Shape[]): Annotation | null {
  return shapes.length ? { shapes: shapes.slice(0, 200) } : null;
}

/** Keep receiving pointer moves outside the element (not every test DOM has capture). */
export function capture(e: PointerEvent): void {
  try {
    e.currentTarget.setPointerCapture(e.pointerId);
  } catch {
    /* no pointer capture here */
  }
}
