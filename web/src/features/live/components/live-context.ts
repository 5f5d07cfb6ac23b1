import { createContext, useContext } from "react";

/** True while the live stream is open: pollers may stop polling. */
export const LiveContext = createContext(false);

export function useLiveConnected(): boolean {
  return useContext(LiveContext);
}

/** False until `GET /api/v1/stream` is on main (the bell polls meanwhile). */
export const LIVE_STREAM_ENABLED = false;
