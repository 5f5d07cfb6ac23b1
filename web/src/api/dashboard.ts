import { queryOptions } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

export type DashboardRead = components["schemas"]["DashboardRead"];

export const dashboardKeys = { all: ["dashboard"] as const };

export function dashboardQueryOptions() {
  return queryOptions({
    queryKey: dashboardKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/dashboard", { signal })),
    staleTime: 30 * 1000,
  });
}
