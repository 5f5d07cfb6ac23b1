import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";
import { asListPage, ifMatch, listSearch } from "@/api/lists";

type S = components["schemas"];
export type AccountCreate = S["AccountCreate"];
export type AccountUpdate = S["AccountUpdate"];
export type Role = S["Role"];
export const ROLES: readonly Role[] = ["admin", "producer", "supervisor", "artist", "client"];

export interface AccountRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  status: S["AccountStatus"];
}

export const accountKeys = { list: () => ["accounts", "list"] as const };

/** Everyone in the organization (for pickers and admin). */
export function accountsQueryOptions() {
  return queryOptions({
    queryKey: accountKeys.list(),
    queryFn: async ({ signal }) => {
      const page = await unwrap(
        api.GET("/api/v1/accounts", {
          querySerializer: () =>
            listSearch({ fields: ["name", "email", "role", "status"], sort: ["name"], limit: 500 }),
          signal,
        }),
      );
      return asListPage(page).items as unknown as AccountRow[];
    },
    staleTime: 60 * 1000,
  });
}

export function useCreateAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountCreate) => unwrap(api.POST("/api/v1/accounts", { body })),
    onSettled: () => qc.invalidateQueries({ queryKey: accountKeys.list() }),
  });
}

export function useUpdateAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ account, set }: { account: AccountRow; set: AccountUpdate }) => {
      // The list carries no version: read the row, then write guarded by its version.
      const current = await unwrap(
        api.GET("/api/v1/accounts/{account_id}", { params: { path: { account_id: account.id } } }),
      );
      return unwrap(
        api.PATCH("/api/v1/accounts/{account_id}", {
          params: { path: { account_id: account.id }, header: { "if-match": ifMatch(current.row_version) } },
          body: set,
        }),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: accountKeys.list() }),
  });
}
