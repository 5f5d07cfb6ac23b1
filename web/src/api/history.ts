import { infiniteQueryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

type S = components["schemas"];
export type HistoryEntry = S["HistoryEntryRead"];
export type HistoryEntity = "task" | "shot" | "asset" | "sequence";

export const historyKeys = {
  all: ["history"] as const,
  row: (entity: HistoryEntity, id: number) => [...historyKeys.all, entity, id] as const,
};

export function historyInfiniteOptions(entity: HistoryEntity, id: number) {
  return infiniteQueryOptions({
    queryKey: historyKeys.row(entity, id),
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        api.GET("/api/v1/history/{entity}/{row_id}", {
          params: { path: { entity, row_id: id }, query: { before_id: pageParam ?? undefined, limit: 50 } },
          signal,
        }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before_id ?? undefined,
  });
}

/** A revert writes new changes: history, the rows' lists and details, activity. */
function invalidateAfterRevert(qc: QueryClient) {
  return Promise.all(
    [["history"], ["tasks"], ["shot"], ["asset"], ["activity"], ["dashboard"]].map((queryKey) =>
      qc.invalidateQueries({ queryKey }),
    ),
  );
}

export type RevertRequest =
  | { kind: "event"; eventId: number; force?: boolean }
  | { kind: "to-point"; entity: HistoryEntity; id: number; eventId: number }
  | { kind: "batch"; batchId: string; force?: boolean };

export function useRevert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: RevertRequest) => {
      if (r.kind === "event")
        return unwrap(
          api.POST("/api/v1/history/events/{event_id}/revert", {
            params: { path: { event_id: r.eventId }, query: { force: r.force ?? false } },
          }),
        );
      if (r.kind === "to-point")
        return unwrap(
          api.POST("/api/v1/history/{entity}/{row_id}/revert", {
            params: { path: { entity: r.entity, row_id: r.id }, query: { to_event_id: r.eventId } },
          }),
        );
      return unwrap(
        api.POST("/api/v1/history/batches/{batch_id}/undo", {
          params: { path: { batch_id: r.batchId }, query: { force: r.force ?? false } },
        }),
      );
    },
    onSettled: () => invalidateAfterRevert(qc),
  });
}
