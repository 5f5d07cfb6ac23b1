import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";
import { asListPage, ifMatch, listSearch, type ListParams } from "@/api/lists";
import { nextPage, projectTasksPath } from "@/api/tasks";

type S = components["schemas"];
export type ShotRead = S["ShotRead"];
export type AssetRead = S["AssetRead"];
export type EntityKind = "shot" | "asset";

export const entityKeys = {
  all: (kind: EntityKind) => [kind] as const,
  lists: (kind: EntityKind) => [kind, "list"] as const,
  infinite: (kind: EntityKind, projectId: number, params: ListParams) =>
    [kind, "list", projectId, params] as const,
  detail: (kind: EntityKind, id: number) => [kind, "detail", id] as const,
};

async function fetchEntities(kind: EntityKind, projectId: number, params: ListParams, signal?: AbortSignal) {
  const opts = { params: { path: { project_id: projectId } }, querySerializer: () => listSearch(params), signal };
  const page =
    kind === "shot"
      ? await unwrap(api.GET("/api/v1/projects/{project_id}/shots", opts))
      : await unwrap(api.GET("/api/v1/projects/{project_id}/assets", opts));
  return asListPage(page);
}

/** A project's shots or assets page by page, for the virtualized grid. */
export function entitiesInfiniteOptions(kind: EntityKind, projectId: number, params: ListParams) {
  return infiniteQueryOptions({
    queryKey: entityKeys.infinite(kind, projectId, params),
    queryFn: ({ signal, pageParam }) => fetchEntities(kind, projectId, { ...params, page: pageParam }, signal),
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

export function shotQueryOptions(id: number) {
  return queryOptions({
    queryKey: entityKeys.detail("shot", id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/shots/{shot_id}", { params: { path: { shot_id: id } }, signal })),
  });
}

export function assetQueryOptions(id: number) {
  return queryOptions({
    queryKey: entityKeys.detail("asset", id),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/assets/{asset_id}", { params: { path: { asset_id: id } }, signal })),
  });
}

export type EntityUpdate = S["ShotUpdate"] & S["AssetUpdate"];

/** PATCH a shot or asset with `If-Match`; invalidates that kind's lists and detail. */
export function useUpdateEntity(kind: EntityKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      rowVersion,
      set,
    }: {
      id: number;
      rowVersion: number;
      set: EntityUpdate;
    }): Promise<ShotRead | AssetRead> => {
      const header = { "if-match": ifMatch(rowVersion) };
      return kind === "shot"
        ? unwrap(api.PATCH("/api/v1/shots/{shot_id}", { params: { path: { shot_id: id }, header }, body: set }))
        : unwrap(api.PATCH("/api/v1/assets/{asset_id}", { params: { path: { asset_id: id }, header }, body: set }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: entityKeys.all(kind) }),
  });
}

export function useArchiveEntities(kind: EntityKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (ids: number[]) => {
      for (const id of ids) {
        if (kind === "shot") await unwrap(api.POST("/api/v1/shots/{shot_id}/archive", { params: { path: { shot_id: id } } }));
        else await unwrap(api.POST("/api/v1/assets/{asset_id}/archive", { params: { path: { asset_id: id } } }));
      }
      return ids.length;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: entityKeys.all(kind) }),
  });
}

/** Shots, assets or tasks of a project, page by page, for the virtualized grid. */
export function gridInfiniteOptions(kind: EntityKind | "task", projectId: number, params: ListParams) {
  const root: string = kind === "task" ? "tasks" : kind;
  return infiniteQueryOptions({
    queryKey: [root, "list", "grid", projectId, params] as const,
    queryFn: async ({ signal, pageParam }) => {
      const paged = { ...params, page: pageParam };
      if (kind !== "task") return fetchEntities(kind, projectId, paged, signal);
      return asListPage(await unwrap(projectTasksPath(projectId, paged, signal)));
    },
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

export type ShotCreate = S["ShotCreate"];
export type AssetCreate = S["AssetCreate"];
export type AssetType = S["AssetType"];

/** A project's live sequences with their episode, in order (the shot form's picker). */
export function sequencesQueryOptions(projectId: number) {
  const params: ListParams = { fields: ["code", "name", "episode.code"], sort: ["episode.sort_order", "episode.code", "sort_order", "code"], limit: 1000 };
  return queryOptions({
    queryKey: ["sequences", projectId] as const,
    queryFn: async ({ signal }) =>
      asListPage(
        await unwrap(
          api.GET("/api/v1/projects/{project_id}/sequences", {
            params: { path: { project_id: projectId } },
            querySerializer: () => listSearch(params),
            signal,
          }),
        ),
      ),
    staleTime: 30_000,
  });
}

/** Create one shot or one asset; invalidates that kind's lists. A 422 / 409 names the fields. */
export function useCreateEntity(kind: EntityKind, projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ShotCreate | AssetCreate): Promise<ShotRead | AssetRead> => {
      const path = { params: { path: { project_id: projectId } } };
      return kind === "shot"
        ? unwrap(api.POST("/api/v1/projects/{project_id}/shots", { ...path, body: body as ShotCreate }))
        : unwrap(api.POST("/api/v1/projects/{project_id}/assets", { ...path, body: body as AssetCreate }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: entityKeys.all(kind) }),
  });
}
