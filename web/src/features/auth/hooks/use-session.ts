import { useQuery } from "@tanstack/react-query";

import { meQueryOptions } from "@/api/auth";

/** The signed-in account (`GET /api/v1/me`), shared by every screen through the cache. */
export function useSession() {
  return useQuery(meQueryOptions());
}
