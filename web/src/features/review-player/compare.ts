/**
 * Comparing two versions of a task, as pure math: which frame of the other version matches the
 * current one, when the follower has drifted during playback, where the wipe divider cuts the
 * picture, and which version to compare with by default.
 */
import { frameSeekSeconds, secondsToFrame, type Rate } from "@/lib/timecode";
import type { Rect, Size } from "@/features/review-player/zoom";

export type CompareMode = "off" | "side" | "wipe";

/** Gap between the two pictures side by side, in pixels. */
export const GAP = 8;

/** The size of one picture's pane in a stage of `stage` pixels for `mode`. */
export function paneSize(stage: Size, mode: CompareMode): Size {
  return mode === "side" ? { width: Math.max(0, (stage.width - GAP) / 2), height: stage.height } : stage;
}

/** A version's media as the player sees it: first frame number, frame count, exact rate. */
export interface Clip {
  first: number;
  count: number;
  rate: Rate;
}

const sameRate = (a: Rate, b: Rate) => a.numerator * b.denominator === b.numerator * a.denominator;
const clampIndex = (i: number, clip: Clip) => Math.min(clip.count - 1, Math.max(0, i));

/**
 * The media frame (0-based) of `b` to show with media frame `n` of `a`. Same rate: the same frame
 * number when the frame ranges overlap (v002 re-rendered over 1001–1100 lines up with v001 by
 * number), else the same position from the start. Different rates: the frame on screen at the
 * same time from the start (exact rational arithmetic). Clamped to `b`'s frames: a shorter
 * version holds its last frame.
 */
export function matchingFrame(n: number, a: Clip, b: Clip): number {
  if (!sameRate(a.rate, b.rate)) return clampIndex(secondsToFrame(frameSeekSeconds(n, a.rate), b.rate), b);
  const overlap = a.first <= b.first + b.count - 1 && b.first <= a.first + a.count - 1;
  return clampIndex(overlap ? a.first + n - b.first : n, b);
}

/**
 * During playback the follower plays on its own clock; re-seek it only when it shows a
 * different frame than expected by more than `tolerance` frames (seeking every frame stutters).
 */
export function needsResync(followerSeconds: number, expected: number, rate: Rate, tolerance = 1): boolean {
  return Math.abs(secondsToFrame(followerSeconds, rate) - expected) > tolerance;
}

/** The divider's position as a fraction of the pane, from a pointer's x. */
export function wipeFromPointer(clientX: number, pane: { left: number; width: number }): number {
  if (pane.width <= 0) return 0.5;
  return Math.min(1, Math.max(0, (clientX - pane.left) / pane.width));
}

/**
 * The divider (a fraction of the pane's width) as a fraction of the picture's width: the
 * picture may be zoomed and panned, the divider stays where the user put it on screen.
 */
export function wipeCut(divider: number, paneWidth: number, picture: Rect): number {
  if (picture.width <= 0) return 0;
  return Math.min(1, Math.max(0, (divider * paneWidth - picture.left) / picture.width));
}

/** CSS for the other version in a wipe: only the part right of the cut shows. */
export function wipeClipPath(cut: number): string {
  return `inset(0 0 0 ${String(Math.round(cut * 10000) / 100)}%)`;
}

/** The version to compare with: the previous one by number, else the next, else none. */
export function defaultCompareVersion(versions: readonly { id: number; number: number }[], currentId: number): number | null {
  const current = versions.find((v) => v.id === currentId);
  if (!current) return null;
  const others = versions.filter((v) => v.id !== currentId);
  const older = others.filter((v) => v.number < current.number).sort((x, y) => y.number - x.number);
  const newer = others.filter((v) => v.number > current.number).sort((x, y) => x.number - y.number);
  return (older[0] ?? newer[0])?.id ?? null;
}
