import {
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";

import { api } from "@/api/client";
import { expectOk, isApiError, unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

export type AccountRead = components["schemas"]["AccountRead"];
export type AccountRole = AccountRead["role"];
export type LoginRequest = components["schemas"]["LoginRequest"];

/** Who may create and change shots, assets and templates (the server's `edit_production`;
 * it has the last word, per project). */
export function mayEditProduction(role: AccountRole): boolean {
  return role === "admin" || role === "producer" || role === "supervisor";
}

export const authKeys = {
  all: ["auth"] as const,
  me: () => [...authKeys.all, "me"] as const,
};

/** The signed-in account. A 401 means "not signed in" and is never retried. */
export function meQueryOptions() {
  return queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/me", { signal })),
    staleTime: 5 * 60 * 1000,
    retry: (failureCount, error) => !isApiError(error) && failureCount < 2,
  });
}

/**
 * Invalidation rules:
 * - login: the answer *is* the signed-in account, so it is written into `authKeys.me()`
 *   instead of refetching.
 * - logout: every cached query belongs to the previous account, so all of them are
 *   removed (a 401 means the session had already ended, which counts as logged out).
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...authKeys.all, "login"],
    mutationFn: (body: LoginRequest) => unwrap(api.POST("/api/v1/auth/login", { body })),
    onSuccess: (account) => {
      queryClient.setQueryData(authKeys.me(), account);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...authKeys.all, "logout"],
    mutationFn: async () => {
      try {
        await expectOk(api.POST("/api/v1/auth/logout"));
      } catch (error) {
        if (!isApiError(error, 401)) throw error;
      }
    },
    onSuccess: () => clearSession(queryClient),
  });
}

export async function clearSession(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries();
  queryClient.removeQueries();
}
