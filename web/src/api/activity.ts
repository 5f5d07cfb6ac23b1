import { infiniteQueryOptions } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

type S = components["schemas"];
export type ActivityItem = S["ActivityItem"];
export type ActivityLink = S["ActivityLink"];

export interface ActivityScope {
  projectId?: number;
  entityType?: "project" | "shot" | "asset" | "task";
  entityId?: number;
  actorId?: number;
}

export const activityKeys = {
  all: ["activity"] as const,
  feed: (scope: ActivityScope) => [...activityKeys.all, scope] as const,
};

const PAGE = 50;

/** `GET /activity` newest first, paged with `before_id` ("Load more"). */
export function activityInfiniteOptions(scope: ActivityScope) {
  return infiniteQueryOptions({
    queryKey: activityKeys.feed(scope),
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        api.GET("/api/v1/activity", {
          params: {
            query: {
              project_id: scope.projectId,
              entity_type: scope.entityType,
              entity_id: scope.entityId,
              actor_id: scope.actorId,
              before_id: pageParam ?? undefined,
              limit: PAGE,
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before_id ?? undefined,
  });
}

/** The web path of a linked entity, or null when it has no page. */
export function activityHref(link: ActivityLink, projectId: number | null): string | null {
  const id = link.entity_id;
  if (id === null || link.entity_type === null) return null;
  const pid = projectId === null ? null : String(projectId);
  switch (link.entity_type) {
    case "task":
      return `/tasks/${String(id)}`;
    case "project":
      return `/projects/${String(id)}`;
    case "shot":
    case "asset":
      return pid === null ? null : `/projects/${pid}/${link.entity_type}s/${String(id)}`;
    default:
      return null;
  }
}
