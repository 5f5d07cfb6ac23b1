import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { invalidateForVerbs, STREAM_VERBS } from "@/features/live/invalidate";

/** Events arriving within this window are coalesced into one round of invalidations. */
const BATCH_MS = 150;
/**
 * Notifications are written by the notifier job just after the event, so the unread count is
 * asked again a moment later too.
 */
const NOTIFIER_LAG_MS = 1500;

/**
 * The one live-updates hook: an `EventSource` on `/api/v1/stream` (optionally one project)
 * whose events invalidate TanStack Query keys by verb, so boards, grids, task pages and the
 * bell refresh without a reload. The browser reconnects by itself and sends `Last-Event-ID`,
 * so nothing is missed. Returns whether the stream is open.
 */
export function useLiveUpdates(projectId: number | null, enabled = true): boolean {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const url = projectId === null ? "/api/v1/stream" : `/api/v1/stream?project_id=${String(projectId)}`;
    const source = new EventSource(url, { withCredentials: true });
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lag: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      invalidateForVerbs(qc, pending);
      pending.clear();
      if (lag !== null) clearTimeout(lag);
      lag = setTimeout(() => {
        lag = null;
        void qc.invalidateQueries({ queryKey: ["notifications"] });
      }, NOTIFIER_LAG_MS);
    };
    const onEvent = (e: MessageEvent) => {
      pending.add(e.type);
      timer ??= setTimeout(flush, BATCH_MS);
    };
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    for (const verb of STREAM_VERBS) source.addEventListener(verb, onEvent);
    source.addEventListener("message", onEvent);
    return () => {
      if (timer !== null) clearTimeout(timer);
      if (lag !== null) clearTimeout(lag);
      source.close();
      setConnected(false);
    };
  }, [qc, projectId, enabled]);
  return connected;
}
