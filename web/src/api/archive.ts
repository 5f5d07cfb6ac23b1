import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { expectOk, unwrap } from "@/api/errors";

export type ArchiveKind = "shot" | "asset" | "task";

function invalidateKind(qc: ReturnType<typeof useQueryClient>, kind: ArchiveKind) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: kind === "task" ? ["tasks"] : [kind] }),
    qc.invalidateQueries({ queryKey: ["history"] }),
    qc.invalidateQueries({ queryKey: ["activity"] }),
  ]);
}

/** Restore one archived row. Invalidation: its kind's lists (grid and archived tab). */
export function useRestore(kind: ArchiveKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number): Promise<void> => {
      if (kind === "shot") await unwrap(api.POST("/api/v1/shots/{shot_id}/restore", { params: { path: { shot_id: id } } }));
      else if (kind === "asset")
        await unwrap(api.POST("/api/v1/assets/{asset_id}/restore", { params: { path: { asset_id: id } } }));
      else await unwrap(api.POST("/api/v1/tasks/{task_id}/restore", { params: { path: { task_id: id } } }));
    },
    onSettled: () => invalidateKind(qc, kind),
  });
}

/** Delete an archived row forever; `confirm` is its code (task: its title). */
export function useDeleteForever(kind: ArchiveKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, confirm }: { id: number; confirm: string }) => {
      const body = { confirm };
      if (kind === "shot") return expectOk(api.DELETE("/api/v1/shots/{shot_id}", { params: { path: { shot_id: id } }, body }));
      if (kind === "asset")
        return expectOk(api.DELETE("/api/v1/assets/{asset_id}", { params: { path: { asset_id: id } }, body }));
      return expectOk(api.DELETE("/api/v1/tasks/{task_id}", { params: { path: { task_id: id } }, body }));
    },
    onSettled: () => invalidateKind(qc, kind),
  });
}
