import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { applyNotification, invalidateForItems, parseItem, type StreamItem } from "@/features/live/invalidate";

/** Events arriving within this window are coalesced into one round of invalidations. */
const BATCH_MS = 150;

/**
 * The one live-updates hook: an `EventSource` on `/api/v1/stream` (optionally one project).
 * Each event of the log arrives as a plain `message` and invalidates TanStack Query keys by
 * its entity type (whatever the verb, new ones included), so boards, grids and task pages
 * refresh without a reload; a `notification` message sets the bell's unread count at once.
 * The browser reconnects by itself and sends `Last-Event-ID`, so nothing is missed. Returns
 * whether the stream is open.
 */
export function useLiveUpdates(projectId: number | null, enabled = true): boolean {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const url = projectId === null ? "/api/v1/stream" : `/api/v1/stream?project_id=${String(projectId)}`;
    const source = new EventSource(url, { withCredentials: true });
    let pending: StreamItem[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      invalidateForItems(qc, pending);
      pending = [];
    };
    const onEvent = (e: MessageEvent<string>) => {
      const item = parseItem(e.data);
      if (item === null) return;
      pending.push(item);
      timer ??= setTimeout(flush, BATCH_MS);
    };
    const onNotification = (e: MessageEvent<string>) => applyNotification(qc, e.data);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    source.addEventListener("message", onEvent);
    source.addEventListener("notification", onNotification);
    return () => {
      if (timer !== null) clearTimeout(timer);
      source.close();
      setConnected(false);
    };
  }, [qc, projectId, enabled]);
  return connected;
}
