/**
 * SMPTE timecode and frame ↔ time arithmetic with exact rational rates, matching the server's
 * `shotline.review.timecode`. A rate is `{numerator, denominator}` (24000/1001, never 23.976).
 * Drop-frame (29.97, 59.94): frame labels 0 and 1 (0–3 at 59.94) are skipped at the start of
 * every minute except every tenth, and `;` separates the frames. Timecodes wrap at 24 h.
 */

export interface Rate {
  numerator: number;
  denominator: number;
}

/** `"24000/1001"`, `"25"` → an exact rate. */
export function parseRate(value: string): Rate {
  const [n, d = "1"] = value.trim().split("/");
  const numerator = Number(n);
  const denominator = Number(d);
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator <= 0 || denominator <= 0) {
    throw new Error(`not a rate: ${value}`);
  }
  return { numerator, denominator };
}

/** Whole frames per timecode second: 24 for 23.976, 30 for 29.97 (round half to even, as Python). */
export function nominalFps(rate: Rate): number {
  const { numerator: n, denominator: d } = rate;
  const q = Math.floor(n / d);
  const twice = 2 * (n - q * d);
  if (twice > d) return q + 1;
  if (twice < d) return q;
  return q % 2 === 0 ? q : q + 1;
}

export function isDropFrame(rate: Rate): boolean {
  return rate.denominator === 1001 && (rate.numerator === 30000 || rate.numerator === 60000);
}

function dropCounts(rate: Rate): [drop: number, perMinute: number, perTen: number] {
  const fps = nominalFps(rate);
  const drop = Math.floor(fps / 15);
  return [drop, fps * 60 - drop, fps * 600 - drop * 9];
}

export function framesPerDay(rate: Rate, dropFrame: boolean): number {
  return dropFrame ? dropCounts(rate)[2] * 6 * 24 : nominalFps(rate) * 86_400;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** The label of the `frame`-th frame (0-based count from 00:00:00:00). */
export function frameToTimecode(frame: number, rate: Rate, dropFrame: boolean = isDropFrame(rate)): string {
  if (!Number.isInteger(frame) || frame < 0) throw new Error("frame must be a whole number ≥ 0");
  const fps = nominalFps(rate);
  let f = frame % framesPerDay(rate, dropFrame);
  if (dropFrame) {
    const [drop, perMinute, perTen] = dropCounts(rate);
    const tens = Math.floor(f / perTen);
    const rest = f % perTen;
    f += 9 * drop * tens;
    if (rest >= drop) f += drop * Math.floor((rest - drop) / perMinute);
  }
  const ff = f % fps;
  const ss = Math.floor(f / fps) % 60;
  const mm = Math.floor(f / (fps * 60)) % 60;
  const hh = Math.floor(f / (fps * 3600)) % 24;
  return `${pad(hh)}:${pad(mm)}:${pad(ss)}${dropFrame ? ";" : ":"}${pad(ff, fps > 100 ? 3 : 2)}`;
}

const TC_RE = /^(\d{2}):(\d{2}):(\d{2})([:;.])(\d{2,3})$/;

/** The 0-based frame count of a timecode; throws for labels that cannot exist. */
export function timecodeToFrame(timecode: string, rate: Rate, dropFrame?: boolean): number {
  const match = TC_RE.exec(timecode.trim());
  if (!match) throw new Error(`not a timecode: ${timecode}`);
  const [h, m, s, f] = [match[1], match[2], match[3], match[5]].map(Number) as [number, number, number, number];
  const drop = dropFrame ?? (match[4] === ";" || isDropFrame(rate));
  const fps = nominalFps(rate);
  if (h > 23 || m > 59 || s > 59 || f >= fps) throw new Error(`not a timecode at ${String(fps)} fps: ${timecode}`);
  let frame = ((h * 60 + m) * 60 + s) * fps + f;
  if (drop) {
    const dropped = dropCounts(rate)[0];
    if (s === 0 && f < dropped && m % 10 !== 0) throw new Error(`${timecode} is skipped in drop-frame counting`);
    const minutes = h * 60 + m;
    frame -= dropped * (minutes - Math.floor(minutes / 10));
  }
  return frame;
}

/** Seconds at which the `frame`-th media frame (0-based) starts. */
export function frameStartSeconds(frame: number, rate: Rate): number {
  return (frame * rate.denominator) / rate.numerator;
}

/** The middle of the frame's interval: where to seek a browser so it lands inside `frame`. */
export function frameSeekSeconds(frame: number, rate: Rate): number {
  return ((frame + 0.5) * rate.denominator) / rate.numerator;
}

/**
 * The media frame (0-based) showing at `seconds`. Exact rational arithmetic on the integer
 * rate, with a micro-second tolerance so a presentation timestamp a hair below a frame's
 * start (float rounding in the browser) still counts as that frame.
 */
export function secondsToFrame(seconds: number, rate: Rate): number {
  const exact = (seconds * rate.numerator) / rate.denominator;
  const tolerance = (1e-6 * rate.numerator) / rate.denominator;
  return Math.max(0, Math.floor(exact + tolerance));
}
