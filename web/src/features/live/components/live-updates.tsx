import type { ReactNode } from "react";
import { useParams } from "react-router";

import { LIVE_STREAM_ENABLED, LiveContext } from "@/features/live/components/live-context";
import { useLiveUpdates } from "@/features/live/use-live-updates";

/** Mounted once in the app shell: one stream for the whole app (narrowed to the open project). */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const { projectId } = useParams();
  const connected = useLiveUpdates(projectId ? Number(projectId) : null, LIVE_STREAM_ENABLED);
  return <LiveContext value={connected}>{children}</LiveContext>;
}
