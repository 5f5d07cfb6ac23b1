/**
 * Zoom and pan of the player's picture, as pure geometry. A pane (the area a picture is shown
 * in) fits the source frame by default; a `View` multiplies that fit by `zoom` and moves the
 * picture's centre by `x`, `y` pane pixels. Annotations are drawn in an SVG whose viewBox is the
 * source frame laid over `pictureRect`, so they stay in source pixels at every zoom.
 */

export type Point = [number, number];

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  left: number;
  top: number;
}

export interface View {
  /** Scale relative to "fit" (1 = the whole frame fits the pane). */
  zoom: number;
  /** Offset of the picture's centre from the pane's centre, in pane pixels. */
  x: number;
  y: number;
}

export const FIT: View = { zoom: 1, x: 0, y: 0 };
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 32;
/** One press of + or −, or one wheel notch. */
export const ZOOM_STEP = 1.25;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Pane pixels per source pixel when the whole frame fits the pane. */
export function fitScale(pane: Size, source: Size): number {
  if (pane.width <= 0 || pane.height <= 0 || source.width <= 0 || source.height <= 0) return 1;
  return Math.min(pane.width / source.width, pane.height / source.height);
}

/** Pane pixels per source pixel under `view` (1 = "100 %": one video pixel per screen pixel). */
export function pixelScale(pane: Size, source: Size, view: View): number {
  return fitScale(pane, source) * view.zoom;
}

/** Where the picture sits in the pane under `view` (may overflow the pane when zoomed in). */
export function pictureRect(pane: Size, source: Size, view: View): Rect {
  const scale = pixelScale(pane, source, view);
  const width = source.width * scale;
  const height = source.height * scale;
  return { left: pane.width / 2 + view.x - width / 2, top: pane.height / 2 + view.y - height / 2, width, height };
}

/**
 * Zoom by `factor` keeping the picture point under `anchor` (pane pixels, e.g. the pointer) in
 * place. The zoom is clamped to [MIN_ZOOM, MAX_ZOOM].
 */
export function zoomAt(view: View, factor: number, anchor: Point, pane: Size): View {
  const zoom = clamp(view.zoom * factor, MIN_ZOOM, MAX_ZOOM);
  const k = zoom / view.zoom;
  // anchor relative to the pane centre; the picture centre moves away from it by k
  const ax = anchor[0] - pane.width / 2;
  const ay = anchor[1] - pane.height / 2;
  return { zoom, x: ax - (ax - view.x) * k, y: ay - (ay - view.y) * k };
}

/** One source pixel per pane pixel ("100 %"), about the pane's centre. */
export function actualSize(view: View, pane: Size, source: Size): View {
  const target = 1 / fitScale(pane, source);
  return zoomAt(view, target / view.zoom, [pane.width / 2, pane.height / 2], pane);
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** A pane point → source pixels under `view` (the inverse of `pictureRect`), not clamped. */
export function paneToSource(point: Point, pane: Size, source: Size, view: View): Point {
  const rect = pictureRect(pane, source, view);
  return [((point[0] - rect.left) / rect.width) * source.width, ((point[1] - rect.top) / rect.height) * source.height];
}

/** Wheel delta → zoom factor: one notch (≈100 px) is one ZOOM_STEP, up zooms in. */
export function wheelFactor(deltaY: number): number {
  return Math.pow(ZOOM_STEP, clamp(-deltaY / 100, -4, 4));
}

/** "100%", "37%": the zoom as the user reads it (video pixels to screen pixels). */
export function zoomLabel(pane: Size, source: Size, view: View): string {
  return `${String(Math.round(pixelScale(pane, source, view) * 100))}%`;
}
