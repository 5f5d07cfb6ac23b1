import { queryOptions } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

export type SearchHit = components["schemas"]["SearchHitRead"];
export type SearchResult = components["schemas"]["SearchResultRead"];

export const searchKeys = {
  all: ["search"] as const,
  query: (q: string) => [...searchKeys.all, q] as const,
};

/** `GET /search`: ranked hits across everything the caller may open. */
export function searchQueryOptions(q: string) {
  return queryOptions({
    queryKey: searchKeys.query(q),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/search", { params: { query: { q, limit: 30 } }, signal })),
    enabled: q.length > 0,
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });
}
