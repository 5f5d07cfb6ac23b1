import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

type S = components["schemas"];
export type NotificationRead = S["NotificationRead"];
export type NotificationType = S["NotificationType"];
export type PreferenceChoice = S["PreferenceChoice"];
export type PreferenceUpdate = S["PreferenceUpdate"];
export type EmailMode = S["EmailMode"];

/** How often the bell asks for the unread count while no live stream tells it. */
export const UNREAD_POLL_MS = 30_000;
/** With the stream open, a slow safety-net poll only. */
export const UNREAD_POLL_LIVE_MS = 5 * 60_000;

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: () => [...notificationKeys.all, "unread-count"] as const,
  inbox: () => [...notificationKeys.all, "inbox"] as const,
  preferences: () => [...notificationKeys.all, "preferences"] as const,
};

export function unreadCountQueryOptions(poll: number | false = UNREAD_POLL_MS) {
  return queryOptions({
    queryKey: notificationKeys.unread(),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET("/api/v1/notifications/unread-count", { signal }))).unread,
    refetchInterval: poll,
  });
}

/** The inbox: unread first (server order), newest 50. */
export function inboxQueryOptions() {
  return queryOptions({
    queryKey: notificationKeys.inbox(),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/notifications", { params: { query: { limit: 50 } }, signal })),
  });
}

/** Invalidation: the unread count and the inbox. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST("/api/v1/notifications/{notification_id}/read", { params: { path: { notification_id: id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/notifications/read-all")),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function preferencesQueryOptions() {
  return queryOptions({
    queryKey: notificationKeys.preferences(),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET("/api/v1/me/notification-preferences", { signal }))).preferences,
  });
}

export function useUpdatePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (preferences: Partial<Record<NotificationType, PreferenceUpdate>>) =>
      unwrap(api.PUT("/api/v1/me/notification-preferences", { body: { preferences } })),
    onSuccess: (data) => qc.setQueryData(notificationKeys.preferences(), data.preferences),
  });
}

/** Where a notification leads: the task page, a shot/asset page, or the version's task. */
export async function notificationTarget(n: NotificationRead): Promise<string | null> {
  const id = n.entity_id;
  if (id === null) return n.project_id === null ? null : `/projects/${String(n.project_id)}`;
  switch (n.entity_type) {
    case "task":
      return `/tasks/${String(id)}`;
    case "shot":
    case "asset":
      return n.project_id === null ? null : `/projects/${String(n.project_id)}/${n.entity_type}s/${String(id)}`;
    case "version": {
      const v = await unwrap(api.GET("/api/v1/versions/{version_id}", { params: { path: { version_id: id } } }));
      return `/tasks/${String(v.task_id)}`;
    }
    case "note": {
      const note = await unwrap(api.GET("/api/v1/notes/{note_id}", { params: { path: { note_id: id } } }));
      return note.task_id === null ? null : `/tasks/${String(note.task_id)}`;
    }
    default:
      return null;
  }
}
