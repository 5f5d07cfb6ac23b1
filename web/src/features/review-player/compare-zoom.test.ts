import { describe, expect, it } from "vitest";

import { defaultCompareVersion, matchingFrame, needsResync, wipeClipPath, wipeCut, wipeFromPointer } from "@/features/review-player/compare";
import { actualSize, FIT, fitScale, MAX_ZOOM, panBy, paneToSource, pictureRect, wheelFactor, zoomAt, zoomLabel } from "@/features/review-player/zoom";
import { frameSeekSeconds } from "@/lib/timecode";

const HD = { width: 1920, height: 1080 };
const PANE = { width: 960, height: 600 };

describe("zoom and pan", () => {
  it("fits the frame, centred, and maps pane points back to source pixels", () => {
    expect(fitScale(PANE, HD)).toBe(0.5);
    expect(pictureRect(PANE, HD, FIT)).toEqual({ left: 0, top: 30, width: 960, height: 540 });
    expect(paneToSource([480, 300], PANE, HD, FIT)).toEqual([960, 540]);
    expect(zoomLabel(PANE, HD, FIT)).toBe("50%");
  });

  it("zooming at the pointer keeps the source pixel under it", () => {
    const anchor: [number, number] = [240, 165]; // source (480, 270)
    const before = paneToSource(anchor, PANE, HD, FIT);
    const view = zoomAt(FIT, 3, anchor, PANE);
    expect(view.zoom).toBe(3);
    const after = paneToSource(anchor, PANE, HD, view);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    // and again from a panned view
    const panned = panBy(view, -50, 20);
    const p = paneToSource([700, 400], PANE, HD, panned);
    const q = paneToSource([700, 400], PANE, HD, zoomAt(panned, 0.5, [700, 400], PANE));
    expect(q[0]).toBeCloseTo(p[0], 9);
    expect(q[1]).toBeCloseTo(p[1], 9);
  });

  it("100% shows one video pixel per screen pixel; zoom is clamped; the wheel zooms in when rolled up", () => {
    const full = actualSize(FIT, PANE, HD);
    expect(zoomLabel(PANE, HD, full)).toBe("100%");
    expect(pictureRect(PANE, HD, full).width).toBe(1920);
    expect(zoomAt(FIT, 1000, [0, 0], PANE).zoom).toBe(MAX_ZOOM);
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(100)).toBeLessThan(1);
    expect(wheelFactor(-100) * wheelFactor(100)).toBeCloseTo(1, 12);
  });

  it("panning moves the picture by the drag in pane pixels", () => {
    const view = panBy(zoomAt(FIT, 2, [480, 300], PANE), 100, -40);
    const rect = pictureRect(PANE, HD, view);
    expect(rect).toEqual({ left: -380, top: -280, width: 1920, height: 1080 });
    expect(paneToSource([rect.left, rect.top], PANE, HD, view)).toEqual([0, 0]);
  });
});

describe("wipe geometry", () => {
  it("follows the pointer across the pane and clamps at its edges", () => {
    expect(wipeFromPointer(150, { left: 100, width: 200 })).toBe(0.25);
    expect(wipeFromPointer(20, { left: 100, width: 200 })).toBe(0);
    expect(wipeFromPointer(900, { left: 100, width: 200 })).toBe(1);
  });

  it("cuts the picture where the divider is on screen, whatever the zoom", () => {
    // fitted: the picture fills the pane's width
    expect(wipeCut(0.5, 960, pictureRect(PANE, HD, FIT))).toBe(0.5);
    // zoomed 2× about the centre: the middle of the pane is still the middle of the picture,
    // and a quarter of the pane is 3/8 of the picture
    const zoomed = pictureRect(PANE, HD, zoomAt(FIT, 2, [480, 300], PANE));
    expect(wipeCut(0.5, 960, zoomed)).toBe(0.5);
    expect(wipeCut(0.25, 960, zoomed)).toBe(0.375);
    // panned so the picture starts right of the divider: the other version covers it all
    expect(wipeCut(0.1, 960, { left: 200, top: 0, width: 400, height: 225 })).toBe(0);
    expect(wipeClipPath(0.375)).toBe("inset(0 0 0 37.5%)");
  });
});

describe("frame-locked compare", () => {
  const r24 = { numerator: 24, denominator: 1 };
  const r25 = { numerator: 25, denominator: 1 };
  const ntsc = { numerator: 30000, denominator: 1001 };

  it("matches by frame number when the ranges overlap, else by position; holds the last frame", () => {
    const v1 = { first: 1001, count: 48, rate: r24 };
    const v2 = { first: 1005, count: 48, rate: r24 };
    expect(matchingFrame(10, v1, v2)).toBe(6); // frame 1011 in both
    expect(matchingFrame(0, v1, v2)).toBe(0); // 1001 is before v2 starts: its first frame
    expect(matchingFrame(47, v2, v1)).toBe(47); // 1052 is after v1 ends: its last frame
    const elsewhere = { first: 0, count: 100, rate: r24 };
    expect(matchingFrame(10, v1, elsewhere)).toBe(10);
    expect(matchingFrame(10, elsewhere, { first: 0, count: 5, rate: r24 })).toBe(4);
  });

  it("matches by time when the rates differ, with exact rational rates", () => {
    const a = { first: 0, count: 1000, rate: ntsc };
    const b = { first: 0, count: 1000, rate: r25 };
    // frame 30 at 29.97 is shown from 1.001 s: at 25 fps that is frame 25
    expect(matchingFrame(30, a, b)).toBe(25);
    expect(matchingFrame(0, a, b)).toBe(0);
    // 1001 frames at 29.97 last 33.4 s: frame 835 at 25 fps (not 1001 × 25/29.97 rounded)
    expect(matchingFrame(1000, a, { ...b, count: 2000 })).toBe(Math.floor((1000.5 * 1001 * 25) / 30000));
  });

  it("re-seeks the follower only when it is more than a frame away", () => {
    expect(needsResync(frameSeekSeconds(12, ntsc), 12, ntsc)).toBe(false);
    expect(needsResync(frameSeekSeconds(13, ntsc), 12, ntsc)).toBe(false);
    expect(needsResync(frameSeekSeconds(15, ntsc), 12, ntsc)).toBe(true);
    expect(needsResync(frameSeekSeconds(12, ntsc), 12, ntsc, 0)).toBe(false);
  });

  it("compares with the previous version by default, else the next", () => {
    const versions = [
      { id: 30, number: 3 },
      { id: 20, number: 2 },
      { id: 10, number: 1 },
    ];
    expect(defaultCompareVersion(versions, 30)).toBe(20);
    expect(defaultCompareVersion(versions, 10)).toBe(20);
    expect(defaultCompareVersion([{ id: 10, number: 1 }], 10)).toBeNull();
  });
});
