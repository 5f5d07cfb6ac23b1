import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { unwrap } from "@/api/errors";
import { ifMatch } from "@/api/lists";
import type { components } from "@/api/generated/schema";
import { taskKeys } from "@/api/tasks";

type S = components["schemas"];
export type NoteCreate = S["NoteCreate"];
/** What we send: points are `[x, y]` tuples. */
export type Annotation = S["Annotation"];
export type Shape = Annotation["shapes"][number];
export type NoteTarget = "tasks" | "versions";

// Response types as openapi-fetch delivers them (its `Readable` turns tuples into arrays).
const fetchPlayer = (versionId: number, signal?: AbortSignal) =>
  unwrap(api.GET("/api/v1/versions/{version_id}/player", { params: { path: { version_id: versionId } }, signal }));
const fetchVersionNotes = (id: number, signal?: AbortSignal) =>
  unwrap(api.GET("/api/v1/versions/{target_id}/notes", { params: { path: { target_id: id } }, signal }));
export type PlayerData = Awaited<ReturnType<typeof fetchPlayer>>;
export type VersionRead = PlayerData["version"];
export type NoteRead = Awaited<ReturnType<typeof fetchVersionNotes>>[number];
export type ApprovalRead = PlayerData["approval"]["history"][number];

const pt = (p: readonly number[]): [number, number] => [p[0] ?? 0, p[1] ?? 0];

/** A stored annotation's shapes, with points back as `[x, y]` tuples. */
export function readShapes(annotation: NoteRead["annotation"]): Shape[] {
  return (annotation?.shapes ?? []).map((s): Shape => {
    switch (s.type) {
      case "pen":
        return { ...s, points: s.points.map(pt) };
      case "arrow":
        return { ...s, start: pt(s.start), end: pt(s.end) };
      default:
        return s;
    }
  });
}

export const reviewKeys = {
  all: ["review"] as const,
  taskVersions: (taskId: number) => [...reviewKeys.all, "task-versions", taskId] as const,
  taskApprovals: (taskId: number) => [...reviewKeys.all, "task-approvals", taskId] as const,
  notes: (target: NoteTarget, id: number) => [...reviewKeys.all, "notes", target, id] as const,
  player: (versionId: number) => [...reviewKeys.all, "player", versionId] as const,
  media: (mediaId: number) => [...reviewKeys.all, "media", mediaId] as const,
};

/** True while any of the version's media is still being processed. */
export function isProcessing(version: VersionRead): boolean {
  return (version.media ?? []).some((m) => m.state === "queued" || m.state === "processing" || (m.state === "ready" && !m.proxy_ready && m.role === "main"));
}

/** A task's versions, newest first; polls every 2 s while one is processing. */
export function taskVersionsQueryOptions(taskId: number) {
  return queryOptions({
    queryKey: reviewKeys.taskVersions(taskId),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/tasks/{task_id}/versions", { params: { path: { task_id: taskId } }, signal })),
    refetchInterval: (query) => (query.state.data?.some(isProcessing) ? 2000 : false),
  });
}

export function taskApprovalsQueryOptions(taskId: number) {
  return queryOptions({
    queryKey: reviewKeys.taskApprovals(taskId),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/tasks/{task_id}/approvals", { params: { path: { task_id: taskId } }, signal })),
  });
}

export function notesQueryOptions(target: NoteTarget, id: number) {
  return queryOptions({
    queryKey: reviewKeys.notes(target, id),
    queryFn: ({ signal }) =>
      target === "tasks"
        ? unwrap(api.GET("/api/v1/tasks/{target_id}/notes", { params: { path: { target_id: id } }, signal }))
        : fetchVersionNotes(id, signal),
  });
}

/**
 * Everything the player needs. The proxy URL is signed for ≤ 5 minutes: the player keeps the
 * URL it started with and asks again only when the video fails to load.
 */
export function playerQueryOptions(versionId: number) {
  return queryOptions({
    queryKey: reviewKeys.player(versionId),
    queryFn: ({ signal }) => fetchPlayer(versionId, signal),
    staleTime: 4 * 60 * 1000,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === "queued" || state === "processing" ? 2000 : false;
    },
  });
}

/**
 * Create a version from uploaded media.
 * Invalidation: the task's versions, the task (status automation), task lists, dashboard.
 */
export function useCreateVersion(taskId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { media_ids: number[]; description: string | null }) =>
      unwrap(api.POST("/api/v1/tasks/{task_id}/versions", { params: { path: { task_id: taskId } }, body })),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: reviewKeys.taskVersions(taskId) }),
        qc.invalidateQueries({ queryKey: taskKeys.all }),
        qc.invalidateQueries({ queryKey: ["dashboard"] }),
      ]);
    },
  });
}

/**
 * Write a note on a task or a version (frame + annotation for version notes).
 * Invalidation: that target's notes and, for versions, the player payload.
 */
export function useCreateNote(target: NoteTarget, id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NoteCreate) =>
      target === "tasks"
        ? unwrap(api.POST("/api/v1/tasks/{target_id}/notes", { params: { path: { target_id: id } }, body }))
        : unwrap(api.POST("/api/v1/versions/{target_id}/notes", { params: { path: { target_id: id } }, body })),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: reviewKeys.notes(target, id) }),
        target === "versions" ? qc.invalidateQueries({ queryKey: reviewKeys.player(id) }) : undefined,
      ]);
    },
  });
}

export type Decision = "approve" | "request-changes";

/**
 * Approve or request changes (supervisors and up; artists get 403).
 * Invalidation: the version's player and notes (the optional note), the task's versions and
 * approvals, every task query (automation moves the status) and the dashboard.
 */
export function useDecide(versionId: number, taskId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, note }: { decision: Decision; note: string | null }) =>
      decision === "approve"
        ? unwrap(api.POST("/api/v1/versions/{version_id}/approve", { params: { path: { version_id: versionId } }, body: { note } }))
        : unwrap(api.POST("/api/v1/versions/{version_id}/request-changes", { params: { path: { version_id: versionId } }, body: { note } })),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: reviewKeys.player(versionId) }),
        qc.invalidateQueries({ queryKey: reviewKeys.notes("versions", versionId) }),
        qc.invalidateQueries({ queryKey: reviewKeys.taskVersions(taskId) }),
        qc.invalidateQueries({ queryKey: reviewKeys.taskApprovals(taskId) }),
        qc.invalidateQueries({ queryKey: taskKeys.all }),
        qc.invalidateQueries({ queryKey: ["dashboard"] }),
      ]);
    },
  });
}

/** Who may approve: supervisors, producers and admins (the server has the last word: 403). */
export function canDecide(role: string): boolean {
  return role === "supervisor" || role === "producer" || role === "admin";
}

/** The list a note belongs to (`"version"` → the version's notes); null for shot/asset notes. */
export function noteTarget(note: Pick<NoteRead, "target_type">): NoteTarget | null {
  return note.target_type === "version" ? "versions" : note.target_type === "task" ? "tasks" : null;
}

async function invalidateNotesOf(qc: ReturnType<typeof useQueryClient>, note: Pick<NoteRead, "target_type" | "target_id">) {
  const target = noteTarget(note);
  if (!target) return;
  await Promise.all([
    qc.invalidateQueries({ queryKey: reviewKeys.notes(target, note.target_id) }),
    target === "versions" ? qc.invalidateQueries({ queryKey: reviewKeys.player(note.target_id) }) : undefined,
  ]);
}

/**
 * Edit your own note's text with `If-Match` (a 412 means someone changed it meanwhile; the
 * list is reloaded and nothing is overwritten). Invalidation: the note's thread list.
 */
export function useUpdateNote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ note, body }: { note: NoteRead; body: string }) =>
      unwrap(
        api.PATCH("/api/v1/notes/{note_id}", {
          params: { path: { note_id: note.id }, header: { "if-match": ifMatch(note.row_version) } },
          body: { body },
        }),
      ),
    onSettled: async (_data, _error, { note }) => invalidateNotesOf(qc, note),
  });
}

/** Archive a note (yours, or any as a supervisor and up). Invalidation: its thread list. */
export function useArchiveNote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note: NoteRead) => unwrap(api.POST("/api/v1/notes/{note_id}/archive", { params: { path: { note_id: note.id } } })),
    onSettled: async (_data, _error, note) => invalidateNotesOf(qc, note),
  });
}

/** Who may edit a note: its author only (the server has the last word: 403). */
export function canEditNote(note: Pick<NoteRead, "author_id">, account: { id: number; role: string }): boolean {
  return note.author_id !== null && note.author_id === account.id && account.role !== "client";
}

/** Who may archive a note: its author, or supervisors and up. */
export function canArchiveNote(note: Pick<NoteRead, "author_id">, account: { id: number; role: string }): boolean {
  return canEditNote(note, account) || canDecide(account.role);
}
