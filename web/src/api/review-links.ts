import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";
import { shareKeys } from "@/api/share";

type S = components["schemas"];
export type ReviewLink = S["ReviewSessionRead"];
export type ReviewLinkUpdate = S["ReviewSessionUpdate"];
export type ReviewLinkCreated = S["ReviewSessionCreated"];
export type AccessRead = S["AccessRead"];
export type AccessKind = S["AccessKind"];
export type ShareSettings = S["ShareSettings"];
export type ShareSettingsUpdate = S["ShareSettingsUpdate"];

/**
 * Review links (review sessions) of a project, their access logs and the organization's
 * share settings. The root `review_sessions` is also what the live stream invalidates for
 * `review_session.*` events (see features/live/invalidate.ts), so another producer's revoke
 * shows up here without a reload.
 */
export const reviewLinkKeys = {
  all: ["review_sessions"] as const,
  project: (projectId: number) => [...reviewLinkKeys.all, "project", projectId] as const,
  accessLog: (id: number) => [...reviewLinkKeys.all, "access-log", id] as const,
  shareSettings: () => ["organization", "share-settings"] as const,
};

/** Every link of the project (active, expired, revoked), newest first; the screen filters. */
export function reviewLinksQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: reviewLinkKeys.project(projectId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/projects/{project_id}/review-sessions", {
          params: { path: { project_id: projectId }, query: { active_only: false } },
          signal,
        }),
      ),
  });
}

export const ACCESS_LOG_LIMIT = 500;

/** A link's access log, newest first (at most `ACCESS_LOG_LIMIT` rows). */
export function accessLogQueryOptions(id: number) {
  return queryOptions({
    queryKey: reviewLinkKeys.accessLog(id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/review-sessions/{review_session_id}/access-log", {
          params: { path: { review_session_id: id }, query: { limit: ACCESS_LOG_LIMIT } },
          signal,
        }),
      ),
  });
}

/**
 * Edit, revoke and regenerate a link. Invalidation: the project's link list and the Share
 * With Client dialog's defaults (it offers the live links), after success or failure alike
 * (a 404 means someone else removed it).
 */
export function useReviewLinkActions(projectId: number) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: reviewLinkKeys.project(projectId) }),
      qc.invalidateQueries({ queryKey: shareKeys.defaults(projectId) }),
    ]);
  const update = useMutation({
    mutationFn: ({ id, set }: { id: number; set: ReviewLinkUpdate }) =>
      unwrap(api.PATCH("/api/v1/review-sessions/{review_session_id}", { params: { path: { review_session_id: id } }, body: set })),
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST("/api/v1/review-sessions/{review_session_id}/revoke", { params: { path: { review_session_id: id } } })),
    onSettled: refresh,
  });
  const regenerate = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST("/api/v1/review-sessions/{review_session_id}/regenerate", { params: { path: { review_session_id: id } } })),
    onSettled: refresh,
  });
  return { update, revoke, regenerate };
}

export function shareSettingsQueryOptions() {
  return queryOptions({
    queryKey: reviewLinkKeys.shareSettings(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/organization/share-settings", { signal })),
  });
}

/** Admins only (403 otherwise); 422 names the field. The new values replace the cache. */
export function useUpdateShareSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareSettingsUpdate) => unwrap(api.PATCH("/api/v1/organization/share-settings", { body })),
    onSuccess: (settings) => qc.setQueryData(reviewLinkKeys.shareSettings(), settings),
  });
}
