import { useCallback, useEffect, useRef, useState } from "react";

/** A seconds countdown, e.g. for "try again in 30 seconds" after a 429. */
export function useCountdown(): { remaining: number; start: (seconds: number) => void } {
  const [remaining, setRemaining] = useState(0);
  const timer = useRef<number | undefined>(undefined);

  const start = useCallback((seconds: number) => {
    window.clearInterval(timer.current);
    const deadline = Date.now() + seconds * 1000;
    setRemaining(Math.max(0, Math.ceil(seconds)));
    if (seconds <= 0) return;
    timer.current = window.setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setRemaining(left);
      if (left === 0) window.clearInterval(timer.current);
    }, 250);
  }, []);

  useEffect(() => () => window.clearInterval(timer.current), []);

  return { remaining, start };
}
