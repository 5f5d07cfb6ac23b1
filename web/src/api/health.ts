import { queryOptions } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

export type HealthRead = components["schemas"]["HealthRead"];

export const healthKeys = {
  all: ["health"] as const,
};

export function healthQueryOptions() {
  return queryOptions({
    queryKey: healthKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/health", { signal })),
    staleTime: 30 * 1000,
  });
}
