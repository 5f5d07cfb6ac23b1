import { queryOptions } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

export type EventRead = components["schemas"]["EventRead"];

export const eventKeys = { list: (projectId: number) => ["events", projectId] as const };

/** The newest events (admins and producers). Filtered to the project on the client. */
export function projectEventsQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: eventKeys.list(projectId),
    queryFn: async ({ signal }) => {
      const page = await unwrap(api.GET("/api/v1/events", { params: { query: { limit: 200 } }, signal }));
      return page.items.filter((e) => e.project_id === projectId);
    },
  });
}
