import { createContext, useContext } from "react";

/** True while the live stream is open: pollers may stop polling. */
export const LiveContext = createContext(false);

export function useLiveConnected(): boolean {
  return useContext(LiveContext);
}

/** The stream (`GET /api/v1/stream`) is on; the bell polls only while it is disconnected. */
export const LIVE_STREAM_ENABLED = true;
