import { describe, expect, it } from "vitest";

import {
  frameSeekSeconds,
  frameStartSeconds,
  frameToTimecode,
  isDropFrame,
  nominalFps,
  parseRate,
  secondsToFrame,
  timecodeToFrame,
} from "@/lib/timecode";

/** Computed with the server's `shotline.review.timecode.frame_to_timecode`. */
const PYTHON_CASES: readonly [rate: string, frame: number, timecode: string][] = [
  ["24", 0, "00:00:00:00"], ["24", 1, "00:00:00:01"], ["24", 1001, "00:00:41:17"], ["24", 1799, "00:01:14:23"], ["24", 1800, "00:01:15:00"], ["24", 1801, "00:01:15:01"], ["24", 17982, "00:12:29:06"], ["24", 17983, "00:12:29:07"], ["24", 107892, "01:14:55:12"], ["24", 2592000, "06:00:00:00"], ["24", 5000000, "09:52:13:08"], ["25", 0, "00:00:00:00"], ["25", 1, "00:00:00:01"], ["25", 1001, "00:00:40:01"], ["25", 1799, "00:01:11:24"], ["25", 1800, "00:01:12:00"], ["25", 1801, "00:01:12:01"], ["25", 17982, "00:11:59:07"], ["25", 17983, "00:11:59:08"], ["25", 107892, "01:11:55:17"], ["25", 2592000, "04:48:00:00"], ["25", 5000000, "07:33:20:00"], ["24000/1001", 0, "00:00:00:00"], ["24000/1001", 1, "00:00:00:01"], ["24000/1001", 1001, "00:00:41:17"], ["24000/1001", 1799, "00:01:14:23"], ["24000/1001", 1800, "00:01:15:00"], ["24000/1001", 1801, "00:01:15:01"], ["24000/1001", 17982, "00:12:29:06"], ["24000/1001", 17983, "00:12:29:07"], ["24000/1001", 107892, "01:14:55:12"], ["24000/1001", 2592000, "06:00:00:00"], ["24000/1001", 5000000, "09:52:13:08"], ["30000/1001", 0, "00:00:00;00"], ["30000/1001", 1, "00:00:00;01"], ["30000/1001", 1001, "00:00:33;11"], ["30000/1001", 1799, "00:00:59;29"], ["30000/1001", 1800, "00:01:00;02"], ["30000/1001", 1801, "00:01:00;03"], ["30000/1001", 17982, "00:10:00;00"], ["30000/1001", 17983, "00:10:00;01"], ["30000/1001", 107892, "01:00:00;00"], ["30000/1001", 2592000, "00:01:26;14"], ["30000/1001", 5000000, "22:20:33;14"], ["60000/1001", 0, "00:00:00;00"], ["60000/1001", 1, "00:00:00;01"], ["60000/1001", 1001, "00:00:16;41"], ["60000/1001", 1799, "00:00:29;59"], ["60000/1001", 1800, "00:00:30;00"], ["60000/1001", 1801, "00:00:30;01"], ["60000/1001", 17982, "00:04:59;58"], ["60000/1001", 17983, "00:04:59;59"], ["60000/1001", 107892, "00:30:00;00"], ["60000/1001", 2592000, "12:00:43;12"], ["60000/1001", 5000000, "23:10:16;44"], ["30", 0, "00:00:00:00"], ["30", 1, "00:00:00:01"], ["30", 1001, "00:00:33:11"], ["30", 1799, "00:00:59:29"], ["30", 1800, "00:01:00:00"], ["30", 1801, "00:01:00:01"], ["30", 17982, "00:09:59:12"], ["30", 17983, "00:09:59:13"], ["30", 107892, "00:59:56:12"], ["30", 2592000, "00:00:00:00"], ["30", 5000000, "22:17:46:20"], ["50", 0, "00:00:00:00"], ["50", 1, "00:00:00:01"], ["50", 1001, "00:00:20:01"], ["50", 1799, "00:00:35:49"], ["50", 1800, "00:00:36:00"], ["50", 1801, "00:00:36:01"], ["50", 17982, "00:05:59:32"], ["50", 17983, "00:05:59:33"], ["50", 107892, "00:35:57:42"], ["50", 2592000, "14:24:00:00"], ["50", 5000000, "03:46:40:00"],
];

describe("timecode (same answers as review/timecode.py)", () => {
  it.each(PYTHON_CASES)("%s fps: frame %i is %s", (rate, frame, timecode) => {
    expect(frameToTimecode(frame, parseRate(rate))).toBe(timecode);
  });

  it.each(PYTHON_CASES.filter(([, frame]) => frame < 2_000_000))("%s fps: %s back to frame %i", (rate, frame, timecode) => {
    expect(timecodeToFrame(timecode, parseRate(rate))).toBe(frame);
  });

  it("knows drop-frame rates and nominal fps", () => {
    expect(isDropFrame(parseRate("30000/1001"))).toBe(true);
    expect(isDropFrame(parseRate("60000/1001"))).toBe(true);
    expect(isDropFrame(parseRate("24000/1001"))).toBe(false);
    expect(isDropFrame(parseRate("30"))).toBe(false);
    expect(nominalFps(parseRate("24000/1001"))).toBe(24);
    expect(nominalFps(parseRate("30000/1001"))).toBe(30);
    expect(nominalFps(parseRate("60000/1001"))).toBe(60);
  });

  it("rejects labels skipped by drop-frame counting", () => {
    const ntsc = parseRate("30000/1001");
    expect(() => timecodeToFrame("00:01:00;00", ntsc)).toThrow(/skipped/);
    expect(timecodeToFrame("00:01:00;02", ntsc)).toBe(1800);
    expect(timecodeToFrame("00:10:00;00", ntsc)).toBe(17982);
  });
});

describe("frame ↔ time", () => {
  it.each(["24", "25", "24000/1001", "30000/1001", "60000/1001"])(
    "%s fps: seeking to the middle of frame n shows frame n, for every frame of an hour",
    (value) => {
      const rate = parseRate(value);
      const wrong: number[] = [];
      for (let n = 0; n < 3600 * 60; n += 1) {
        const start = frameStartSeconds(n, rate);
        // the middle of the frame; its own presentation timestamp (requestVideoFrameCallback's
        // mediaTime); and a hair below it, as float media times often are
        if (
          secondsToFrame(frameSeekSeconds(n, rate), rate) !== n ||
          secondsToFrame(start, rate) !== n ||
          secondsToFrame(start - 1e-9, rate) !== n
        ) {
          wrong.push(n);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it("uses exact rates, not a rounded fps", () => {
    const rate = parseRate("24000/1001");
    // frame 1001 at 23.976 starts at 1001 × 1001 / 24000 s = 41.75041…
    expect(frameStartSeconds(1001, rate)).toBeCloseTo(41.75004166666667, 9);
    expect(frameSeekSeconds(0, rate)).toBeCloseTo(0.020854166666666667, 12);
    // 41.75 s is still frame 1000 at 23.976 (it would be 1002 with seconds × 24)
    expect(secondsToFrame(41.75, rate)).toBe(1000);
  });
});

