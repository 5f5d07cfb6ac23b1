import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";
import { asListPage, ifMatch, listSearch, type ListPage, type ListParams, type Row } from "@/api/lists";

type S = components["schemas"];
export type TaskRead = S["TaskRead"];
export type TaskUpdate = S["TaskUpdate"];
export type TaskBulkSet = S["TaskBulkSet"];
export type TaskView = "mine" | "due_today" | "due_this_week" | "overdue" | "awaiting_review";

/** The fields every task list asks for (board cards and grid rows). */
export const TASK_FIELDS = [
  "title",
  "task_type.code",
  "task_type.name",
  "status",
  "status.name",
  "status.color",
  "status.category",
  "shot",
  "shot.code",
  "asset",
  "asset.code",
  "assignees",
  "assignees.name",
  "priority",
  "due_date",
  "estimated_hours",
  "project_id",
  "row_version",
] as const;

/** What a kanban card adds to them: latest version, its thumbnail and approval state, note count
 * (`tasks/review_fields.py`; correlated subqueries, so only the board asks for them). */
export const CARD_FIELDS = [
  ...TASK_FIELDS,
  "latest_version_number",
  "latest_version_status",
  "latest_version_thumbnail_id",
  "note_count",
] as const;

/** A shot or asset page's task list: the card fields plus the latest version's id, which its
 * "Latest versions" cards link to (`/review/:versionId`). */
export const ENTITY_TASK_FIELDS = [...CARD_FIELDS, "latest_version_id"] as const;

/** The small thumbnail of a media file (a redirect to a short-lived signed URL). */
export function thumbnailUrl(mediaId: number): string {
  return `/api/v1/media/${String(mediaId)}/renditions/thumbnail_small`;
}

export const taskKeys = {
  all: ["tasks"] as const,
  lists: () => [...taskKeys.all, "list"] as const,
  projectList: (projectId: number, params: ListParams) =>
    [...taskKeys.lists(), "project", projectId, params] as const,
  projectInfinite: (projectId: number, params: ListParams) =>
    [...taskKeys.lists(), "project-infinite", projectId, params] as const,
  view: (params: ListParams) => [...taskKeys.lists(), "view", params] as const,
  detail: (id: number) => [...taskKeys.all, "detail", id] as const,
};

export function projectTasksPath(projectId: number, params: ListParams, signal?: AbortSignal) {
  return api
    .GET("/api/v1/projects/{project_id}/tasks", {
      params: { path: { project_id: projectId } },
      querySerializer: () => listSearch(params),
      signal,
    })
    .then((r) => r);
}

async function fetchProjectTasks(projectId: number, params: ListParams, signal?: AbortSignal) {
  return asListPage(await unwrap(projectTasksPath(projectId, params, signal)));
}

/** One page of a project's tasks (the board loads one big page). */
export function projectTasksQueryOptions(projectId: number, params: ListParams) {
  return queryOptions({
    queryKey: taskKeys.projectList(projectId, params),
    queryFn: ({ signal }) => fetchProjectTasks(projectId, params, signal),
  });
}

/** A project's tasks page by page, for the virtualized grid. */
export function projectTasksInfiniteOptions(projectId: number, params: ListParams) {
  return infiniteQueryOptions({
    queryKey: taskKeys.projectInfinite(projectId, params),
    queryFn: ({ signal, pageParam }) =>
      fetchProjectTasks(projectId, { ...params, page: pageParam }, signal),
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

export function nextPage(last: ListPage): number | undefined {
  const loaded = last.page * last.limit;
  if (last.total === null) return last.items.length < last.limit ? undefined : last.page + 1;
  return loaded < last.total ? last.page + 1 : undefined;
}

/** `GET /api/v1/tasks?view=…` across every project the user can see. */
export function taskViewQueryOptions(params: ListParams) {
  return queryOptions({
    queryKey: taskKeys.view(params),
    queryFn: async ({ signal }) =>
      asListPage(
        await unwrap(
          api.GET("/api/v1/tasks", { querySerializer: () => listSearch(params), signal }),
        ),
      ),
  });
}

export function taskQueryOptions(id: number) {
  return queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/tasks/{task_id}", { params: { path: { task_id: id } }, signal })),
  });
}

/** Patches every cached task list row with `id` (board pages and grid pages). */
export function patchCachedTaskRows(
  qc: QueryClient,
  id: number,
  patch: (row: Row) => Row,
): void {
  qc.setQueriesData<ListPage | InfiniteData<ListPage>>({ queryKey: taskKeys.lists() }, (data) => {
    if (!data) return data;
    const fix = (page: ListPage): ListPage => ({
      ...page,
      items: page.items.map((row) => (row.id === id ? patch(row) : row)),
    });
    if ("pages" in data) return { ...data, pages: data.pages.map(fix) };
    return fix(data);
  });
}

export interface TaskPatch {
  id: number;
  rowVersion: number;
  set: TaskUpdate;
}

/**
 * PATCH one task with `If-Match`. A 412 (someone else changed it) surfaces as an
 * `ApiError` for the caller to show; nothing is overwritten.
 * Invalidation: task lists, the task itself and the dashboard.
 */
export function useUpdateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rowVersion, set }: TaskPatch) =>
      unwrap(
        api.PATCH("/api/v1/tasks/{task_id}", {
          params: { path: { task_id: id }, header: { "if-match": ifMatch(rowVersion) } },
          body: set,
        }),
      ),
    onSuccess: (task) => {
      qc.setQueryData(taskKeys.detail(task.id), task);
    },
    onSettled: () => invalidateTaskLists(qc),
  });
}

export function useAssignTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rowVersion, assigneeIds }: { id: number; rowVersion: number; assigneeIds: number[] }) =>
      unwrap(
        api.POST("/api/v1/tasks/{task_id}/assign", {
          params: { path: { task_id: id }, header: { "if-match": ifMatch(rowVersion) } },
          body: { assignee_ids: assigneeIds },
        }),
      ),
    onSuccess: (task) => {
      qc.setQueryData(taskKeys.detail(task.id), task);
    },
    onSettled: () => invalidateTaskLists(qc),
  });
}

export function useBulkUpdateTasks() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { task_ids: number[]; set: TaskBulkSet }) =>
      unwrap(api.POST("/api/v1/tasks/bulk-update", { body })),
    onSettled: () => invalidateTaskLists(qc),
  });
}

export function useArchiveTasks() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (ids: number[]) => {
      // A few at a time: the server has no bulk archive yet.
      for (let i = 0; i < ids.length; i += 8) {
        await Promise.all(
          ids.slice(i, i + 8).map((id) =>
            unwrap(api.POST("/api/v1/tasks/{task_id}/archive", { params: { path: { task_id: id } } })),
          ),
        );
      }
      return ids.length;
    },
    onSettled: () => invalidateTaskLists(qc),
  });
}

export function useWatchTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, accountId, watch }: { id: number; accountId: number; watch: boolean }) =>
      watch
        ? unwrap(
            api.POST("/api/v1/tasks/{task_id}/watchers", {
              params: { path: { task_id: id } },
              body: { account_ids: [accountId] },
            }),
          )
        : unwrap(
            api.DELETE("/api/v1/tasks/{task_id}/watchers/{account_id}", {
              params: { path: { task_id: id, account_id: accountId } },
            }),
          ),
    onSuccess: (task) => qc.setQueryData(taskKeys.detail(task.id), task),
  });
}

export function invalidateTaskLists(qc: QueryClient): Promise<void> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: taskKeys.all }),
    qc.invalidateQueries({ queryKey: ["dashboard"] }),
  ]).then(() => undefined);
}
