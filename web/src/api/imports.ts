import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

type S = components["schemas"];
export type ImportJob = S["ImportJobRead"];
export type PreviewPage = S["PreviewPage"];
export type RowPreview = S["RowPreview"];
export type ImportResult = S["ImportResultRead"];
export type ImportEntity = "shot" | "asset" | "task";
export type ConflictPolicy = "skip" | "overwrite" | "stop";
export type PreviewAction = "new" | "update" | "unchanged" | "error";

/** The fields each entity's import can fill (docs/data.md), for the mapping selects. */
export const IMPORT_FIELDS: Record<ImportEntity, readonly string[]> = {
  shot: ["code", "sequence.code", "description", "status", "frame_in", "frame_out", "cut_in", "cut_out", "head_handles", "tail_handles", "sort_order"],
  asset: ["code", "name", "description", "asset_type", "custom_type", "status", "priority", "due_date", "lead.email"],
  task: ["title", "description", "shot.code", "asset.code", "task_type.code", "status.code", "status.name", "assignees.email", "supervisor.email", "priority", "start_date", "due_date", "estimated_hours"],
};

export const IMPORT_KEYS: Record<ImportEntity, readonly string[]> = {
  shot: ["code", "id"],
  asset: ["code", "id"],
  task: ["parent_type", "id"],
};

export const importKeys = {
  all: ["imports"] as const,
  preview: (jobId: number, page: number, action: PreviewAction | "") =>
    [...importKeys.all, jobId, "preview", page, action] as const,
};

export function useUploadImport(projectId: number) {
  return useMutation({
    mutationFn: ({ file, entity, dateFormat }: { file: File; entity: ImportEntity; dateFormat: "dmy" | "mdy" }) => {
      const form = new FormData();
      form.set("file", file, file.name);
      form.set("entity", entity);
      form.set("date_format", dateFormat);
      return unwrap(
        api.POST("/api/v1/projects/{project_id}/imports", {
          params: { path: { project_id: projectId } },
          body: { file: file.name, entity, date_format: dateFormat },
          bodySerializer: () => form,
        }),
      );
    },
  });
}

/** `POST /projects/{id}/editorial-imports`: store an EDL / OTIO cut and get its preview. */
export function useUploadCut(projectId: number) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set("file", file, file.name);
      return unwrap(
        api.POST("/api/v1/projects/{project_id}/editorial-imports", {
          params: { path: { project_id: projectId } },
          body: { file: file.name },
          bodySerializer: () => form,
        }),
      );
    },
  });
}

export function useSaveMapping() {
  return useMutation({
    mutationFn: ({ jobId, columns, key }: { jobId: number; columns: Record<string, string | null>; key: string }) =>
      unwrap(api.PUT("/api/v1/imports/{job_id}/mapping", { params: { path: { job_id: jobId } }, body: { columns, key } })),
  });
}

/** One page of the validated preview (POST, but it writes nothing: cached like a read). */
export function previewQueryOptions(jobId: number, page: number, limit: number, action: PreviewAction | "") {
  return queryOptions({
    queryKey: importKeys.preview(jobId, page, action),
    queryFn: ({ signal }) =>
      unwrap(
        api.POST("/api/v1/imports/{job_id}/preview", {
          params: { path: { job_id: jobId }, query: { page, limit, action: action || undefined } },
          signal,
        }),
      ),
    staleTime: Infinity,
  });
}

export function useCommitImport(entity: ImportEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ jobId, policy }: { jobId: number; policy: ConflictPolicy }) =>
      unwrap(api.POST("/api/v1/imports/{job_id}/commit", { params: { path: { job_id: jobId } }, body: { policy } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: entity === "task" ? ["tasks"] : [entity] }),
        qc.invalidateQueries({ queryKey: ["activity"] }),
      ]),
  });
}
