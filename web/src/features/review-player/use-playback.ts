import { useEffect, type RefObject } from "react";

import { frameSeekSeconds, secondsToFrame, type Rate } from "@/lib/timecode";

export interface Loop {
  in: number | null;
  out: number | null;
}

/**
 * While playing, follow the frames the browser presents: `requestVideoFrameCallback` gives each
 * presented frame's media timestamp, turned into a frame with the exact rate (never a float
 * fps). Wraps at the loop's out point.
 */
export function useFollowPlayback({ video, playing, rate, last, loop, show }: { video: RefObject<HTMLVideoElement | null>; playing: boolean; rate: Rate; last: number; loop: Loop; show: (frame: number) => void }) {
  useEffect(() => {
    const v = video.current;
    if (!v || !playing) return;
    let handle = 0;
    let stopped = false;
    const onFrame = (mediaTime: number) => {
      const frame = Math.min(last, secondsToFrame(mediaTime, rate));
      if (loop.out !== null && frame >= loop.out) {
        v.currentTime = frameSeekSeconds(loop.in ?? 0, rate);
      }
      show(frame);
    };
    if ("requestVideoFrameCallback" in v) {
      const tick: VideoFrameRequestCallback = (_now, meta) => {
        if (stopped) return;
        onFrame(meta.mediaTime);
        handle = v.requestVideoFrameCallback(tick);
      };
      handle = v.requestVideoFrameCallback(tick);
      return () => {
        stopped = true;
        v.cancelVideoFrameCallback(handle);
      };
    }
    // no frame callbacks (old browsers): follow timeupdate
    const media: HTMLMediaElement = v;
    const onTime = () => onFrame(media.currentTime);
    media.addEventListener("timeupdate", onTime);
    return () => {
      stopped = true;
      media.removeEventListener("timeupdate", onTime);
    };
  }, [video, playing, rate, last, loop, show]);
}

/** J: reverse shuttle by stepping, `reverse` frames per frame interval (browsers do not play backwards). */
export function useReverseShuttle({ reverse, setReverse, rate, loop, seek, nRef }: { reverse: number; setReverse: (speed: number) => void; rate: Rate; loop: Loop; seek: (index: number) => void; nRef: RefObject<number> }) {
  useEffect(() => {
    if (!reverse) return;
    const ms = (1000 * rate.denominator) / rate.numerator;
    const id = window.setInterval(() => {
      const next = nRef.current - reverse;
      if (next <= (loop.in ?? 0)) {
        if (loop.out !== null) seek(loop.out);
        else {
          seek(0);
          setReverse(0);
        }
      } else seek(next);
    }, ms);
    return () => window.clearInterval(id);
  }, [reverse, setReverse, rate, seek, loop, nRef]);
}
