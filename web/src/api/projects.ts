import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { expectOk, unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";
import { ifMatch } from "@/api/lists";
import { invalidateTaskLists } from "@/api/tasks";

type S = components["schemas"];
export type ProjectRead = S["ProjectRead"];
export type TaskStatusRead = S["TaskStatusRead"];
export type StatusCategory = TaskStatusRead["category"];
export type TaskTypeRead = S["TaskTypeRead"];
export type MemberRead = S["MemberRead"];
export type CustomFieldRead = S["CustomFieldRead"];
export type TaskTemplateRead = S["TaskTemplateRead"];
export type EntityStatus = S["ShotRead"]["status"];

/** Board columns, in order (on hold and omitted stay off the board). */
export const BOARD_CATEGORIES: readonly StatusCategory[] = [
  "todo",
  "in_progress",
  "internal_review",
  "client_review",
  "changes",
  "done",
];

export const CATEGORY_LABELS: Record<StatusCategory, string> = {
  todo: "Todo",
  in_progress: "In Progress",
  internal_review: "Internal Review",
  client_review: "Client Review",
  changes: "Changes",
  done: "Done",
  on_hold: "On Hold",
  omitted: "Omitted",
};

export const ENTITY_STATUSES: readonly EntityStatus[] = [
  "waiting",
  "in_progress",
  "on_hold",
  "final",
  "omitted",
];

export const projectKeys = {
  all: ["projects"] as const,
  list: () => [...projectKeys.all, "list"] as const,
  detail: (id: number) => [...projectKeys.all, id] as const,
  statuses: (id: number) => [...projectKeys.all, id, "statuses"] as const,
  members: (id: number) => [...projectKeys.all, id, "members"] as const,
  customFields: (id: number) => [...projectKeys.all, id, "custom-fields"] as const,
  templates: (id: number) => [...projectKeys.all, id, "templates"] as const,
  taskTypes: () => ["task-types"] as const,
};

const STALE = 60 * 1000;

export function projectsQueryOptions() {
  return queryOptions({
    queryKey: projectKeys.list(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/projects", { signal })),
    staleTime: STALE,
  });
}

export function projectQueryOptions(id: number) {
  return queryOptions({
    queryKey: projectKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/projects/{project_id}", { params: { path: { project_id: id } }, signal })),
    staleTime: STALE,
  });
}

export function statusesQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: projectKeys.statuses(projectId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/projects/{project_id}/task-statuses", {
          params: { path: { project_id: projectId } },
          signal,
        }),
      ),
    staleTime: STALE,
    select: (rows) => [...rows].sort((a, b) => a.sort_order - b.sort_order),
  });
}

export function membersQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: projectKeys.members(projectId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/projects/{project_id}/members", {
          params: { path: { project_id: projectId } },
          signal,
        }),
      ),
    staleTime: STALE,
  });
}

export function customFieldsQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: projectKeys.customFields(projectId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/projects/{project_id}/custom-fields", {
          params: { path: { project_id: projectId } },
          signal,
        }),
      ),
    staleTime: STALE,
  });
}

export function templatesQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: projectKeys.templates(projectId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/projects/{project_id}/task-templates", {
          params: { path: { project_id: projectId } },
          signal,
        }),
      ),
    staleTime: STALE,
  });
}

export function taskTypesQueryOptions() {
  return queryOptions({
    queryKey: projectKeys.taskTypes(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/task-types", { signal })),
    staleTime: STALE,
  });
}

export type ProjectUpdate = S["ProjectUpdate"];

/**
 * Change a project (`settings` keys are merged by the server). Sends the row's version as
 * `If-Match`, so a stale copy answers 412 instead of overwriting someone else's change.
 * Invalidation: the project and the project list, after success or failure.
 */
export function useUpdateProject(project: ProjectRead) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (set: ProjectUpdate) =>
      unwrap(
        api.PATCH("/api/v1/projects/{project_id}", {
          params: { path: { project_id: project.id }, header: { "if-match": ifMatch(project.row_version) } },
          body: set,
        }),
      ),
    onSuccess: (updated) => qc.setQueryData(projectKeys.detail(updated.id), updated),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

/** Invalidation: every admin write invalidates the one list it changed. */
export function useCreateStatus(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["TaskStatusCreate"]) =>
      unwrap(
        api.POST("/api/v1/projects/{project_id}/task-statuses", {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.statuses(projectId) }),
  });
}

export function useUpdateStatus(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ status, set }: { status: TaskStatusRead; set: S["TaskStatusUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/task-statuses/{status_id}", {
          params: { path: { status_id: status.id }, header: { "if-match": ifMatch(status.row_version) } },
          body: set,
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.statuses(projectId) }),
  });
}

export function useReorderStatuses(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (statusIds: number[]) =>
      unwrap(
        api.POST("/api/v1/projects/{project_id}/task-statuses/reorder", {
          params: { path: { project_id: projectId } },
          body: { status_ids: statusIds },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.statuses(projectId) }),
  });
}

export function useCreateTaskType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["TaskTypeCreate"]) => unwrap(api.POST("/api/v1/task-types", { body })),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.taskTypes() }),
  });
}

export function useCreateMember(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["MemberCreate"]) =>
      unwrap(
        api.POST("/api/v1/projects/{project_id}/members", {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.members(projectId) }),
  });
}

export function useRemoveMember(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberId: number) =>
      expectOk(
        api.DELETE("/api/v1/project-members/{member_id}", { params: { path: { member_id: memberId } } }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.members(projectId) }),
  });
}

export function useCreateCustomField(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["CustomFieldCreate"]) =>
      unwrap(
        api.POST("/api/v1/projects/{project_id}/custom-fields", {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.customFields(projectId) }),
  });
}

export function useCreateTemplate(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S["TaskTemplateCreate"]) =>
      unwrap(
        api.POST("/api/v1/projects/{project_id}/task-templates", {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.templates(projectId) }),
  });
}

export type TemplateApplied = S["TemplateApplied"];

/**
 * Apply a template to many shots (or assets) in one call and one transaction. A target that
 * cannot take it fails the whole call: 422 with one `shot_ids.<id>` entry per target.
 * Invalidation: task lists and the dashboard.
 */
export function useApplyTemplate(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, kind, ids }: { templateId: number; kind: "shot" | "asset"; ids: number[] }) =>
      unwrap(
        api.POST("/api/v1/projects/{project_id}/task-templates/{template_id}/apply", {
          params: { path: { project_id: projectId, template_id: templateId } },
          body: kind === "shot" ? { shot_ids: ids } : { asset_ids: ids },
        }),
      ),
    onSettled: () => invalidateTaskLists(qc),
  });
}
