import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { ApiError, unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";
import { reviewKeys } from "@/api/review";
import { taskKeys } from "@/api/tasks";

type S = components["schemas"];
export type ReviewSessionCreate = S["ReviewSessionCreate"];
export type ReviewSessionCreated = S["ReviewSessionCreated"];
export type ShareRequest = S["ShareRequest"];
export type ClientNoteCreate = S["ClientNoteCreate"];

const fetchDefaults = (projectId: number, signal?: AbortSignal) =>
  unwrap(api.GET("/api/v1/projects/{project_id}/review-sessions/defaults", { params: { path: { project_id: projectId } }, signal }));
export type ReviewSessionDefaults = Awaited<ReturnType<typeof fetchDefaults>>;
export type ReviewSessionRead = ReviewSessionDefaults["active_sessions"][number];

export const shareKeys = {
  all: ["share"] as const,
  defaults: (projectId: number) => [...shareKeys.all, "defaults", projectId] as const,
  link: (token: string) => [...shareKeys.all, "link", token] as const,
  linkVersions: (token: string, all: boolean) => [...shareKeys.all, "link-versions", token, all] as const,
  player: (where: ClientWhere, versionId: number) => [...shareKeys.all, "player", where.kind, where.kind === "guest" ? where.token : "", versionId] as const,
  portalProjects: () => [...shareKeys.all, "portal-projects"] as const,
  portalVersions: (projectId: number, all: boolean) => [...shareKeys.all, "portal-versions", projectId, all] as const,
};

// --- staff: Share With Client, review links --------------------------------------------

/** What the "Create review link for client?" dialog pre-fills, and the live links to pick. */
export function reviewSessionDefaultsQueryOptions(projectId: number) {
  return queryOptions({ queryKey: shareKeys.defaults(projectId), queryFn: ({ signal }) => fetchDefaults(projectId, signal), staleTime: 0 });
}

/**
 * Share With Client (`{}`: into the project's newest live link; 409 `needs_review_session`
 * when there is none) or unshare. Invalidation: the player, the task's versions, every task
 * query (the task moves to client review), the dialog's defaults.
 */
export function useShareVersion(versionId: number, taskId: number, projectId: number) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: reviewKeys.player(versionId) }),
      qc.invalidateQueries({ queryKey: reviewKeys.taskVersions(taskId) }),
      qc.invalidateQueries({ queryKey: taskKeys.all }),
      qc.invalidateQueries({ queryKey: shareKeys.defaults(projectId) }),
    ]);
  const share = useMutation({
    mutationFn: (body: ShareRequest) => unwrap(api.POST("/api/v1/versions/{version_id}/share", { params: { path: { version_id: versionId } }, body })),
    onSuccess: refresh,
  });
  const unshare = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/versions/{version_id}/unshare", { params: { path: { version_id: versionId } } })),
    onSuccess: refresh,
  });
  return { share, unshare };
}

/** "Send Review Email" for a link whose token we still hold (it is shown only once). */
export function useSendReviewEmail(reviewSessionId: number) {
  return useMutation({
    mutationFn: (body: S["ReviewEmailRequest"]) =>
      unwrap(api.POST("/api/v1/review-sessions/{review_session_id}/email", { params: { path: { review_session_id: reviewSessionId } }, body })),
  });
}

/** The link as a QR code (SVG), as an object URL; the token must be the current one. */
export async function fetchQrCode(reviewSessionId: number, token: string): Promise<string> {
  const { data, response } = await api.POST("/api/v1/review-sessions/{review_session_id}/qr.svg", {
    params: { path: { review_session_id: reviewSessionId } },
    body: { token },
    parseAs: "blob",
  });
  if (!response.ok || !(data instanceof Blob)) throw new ApiError({ status: response.status, code: "qr_failed", message: "Could not make the QR code." });
  return URL.createObjectURL(data);
}

// --- the client side: guests (by link) and client accounts (portal) ----------------------

/** Where a client player reads and writes: a share link (guest) or the portal (account). */
export type ClientWhere = { kind: "guest"; token: string; guestToken: string } | { kind: "portal" };

const guestStore = (token: string) => `shotline.guest.${token.slice(0, 16)}`;

/** The guest token lives for the tab (sessionStorage), sent as `X-Guest-Token`. */
export const guestTokens = {
  read: (token: string): string | null => sessionStorage.getItem(guestStore(token)),
  write: (token: string, guestToken: string) => sessionStorage.setItem(guestStore(token), guestToken),
  clear: (token: string) => sessionStorage.removeItem(guestStore(token)),
};

const guestParams = (where: Extract<ClientWhere, { kind: "guest" }>, versionId: number) => ({
  path: { token: where.token, version_id: versionId },
  header: { "X-Guest-Token": where.guestToken },
});

export function shareInfoQueryOptions(token: string) {
  return queryOptions({
    queryKey: shareKeys.link(token),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/share/{token}", { params: { path: { token } }, signal })),
    retry: false,
    staleTime: Infinity,
  });
}

export function useUnlockShare(token: string) {
  return useMutation({
    mutationFn: (body: S["UnlockRequest"]) => unwrap(api.POST("/api/v1/share/{token}/unlock", { params: { path: { token } }, body })),
    onSuccess: (guest) => guestTokens.write(token, guest.guest_token),
  });
}

/** The versions a guest or a client sees: the newest of each task, or all (`all`). */
export function clientVersionsQueryOptions(where: ClientWhere, projectId: number, all: boolean) {
  return queryOptions({
    queryKey: where.kind === "guest" ? shareKeys.linkVersions(where.token, all) : shareKeys.portalVersions(projectId, all),
    queryFn: ({ signal }) =>
      where.kind === "guest"
        ? unwrap(api.GET("/api/v1/share/{token}/versions", { params: { path: { token: where.token }, header: { "X-Guest-Token": where.guestToken }, query: { all } }, signal }))
        : unwrap(api.GET("/api/v1/portal/projects/{project_id}/versions", { params: { path: { project_id: projectId }, query: { all } }, signal })),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function portalProjectsQueryOptions() {
  return queryOptions({ queryKey: shareKeys.portalProjects(), queryFn: ({ signal }) => unwrap(api.GET("/api/v1/portal/projects", { signal })) });
}

const fetchClientPlayer = (where: ClientWhere, versionId: number, signal?: AbortSignal) =>
  where.kind === "guest"
    ? unwrap(api.GET("/api/v1/share/{token}/versions/{version_id}/player", { params: guestParams(where, versionId), signal }))
    : unwrap(api.GET("/api/v1/portal/versions/{version_id}/player", { params: { path: { version_id: versionId } }, signal }));
export type ClientPlayerData = Awaited<ReturnType<typeof fetchClientPlayer>>;
export type ClientVersionItem = ClientPlayerData["version"];
export type ClientNoteRead = ClientPlayerData["notes"][number];

export function clientPlayerQueryOptions(where: ClientWhere, versionId: number) {
  return queryOptions({
    queryKey: shareKeys.player(where, versionId),
    queryFn: ({ signal }) => fetchClientPlayer(where, versionId, signal),
    staleTime: 4 * 60 * 1000,
    retry: false,
  });
}

export type ClientDecision = "approve" | "request-changes";

/** Notes and decisions of a guest or a client; each refreshes the player (notes, decisions). */
export function useClientActions(where: ClientWhere, versionId: number) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: shareKeys.all });
  const note = useMutation({
    mutationFn: (body: ClientNoteCreate) =>
      where.kind === "guest"
        ? unwrap(api.POST("/api/v1/share/{token}/versions/{version_id}/notes", { params: guestParams(where, versionId), body }))
        : unwrap(api.POST("/api/v1/portal/versions/{version_id}/notes", { params: { path: { version_id: versionId } }, body })),
    onSuccess: refresh,
  });
  const decide = useMutation({
    mutationFn: ({ decision, text }: { decision: ClientDecision; text: string | null }) => {
      const body = { note: text };
      if (where.kind === "guest") {
        const params = guestParams(where, versionId);
        return decision === "approve"
          ? unwrap(api.POST("/api/v1/share/{token}/versions/{version_id}/approve", { params, body }))
          : unwrap(api.POST("/api/v1/share/{token}/versions/{version_id}/request-changes", { params, body }));
      }
      const params = { path: { version_id: versionId } };
      return decision === "approve"
        ? unwrap(api.POST("/api/v1/portal/versions/{version_id}/approve", { params, body }))
        : unwrap(api.POST("/api/v1/portal/versions/{version_id}/request-changes", { params, body }));
    },
    onSuccess: refresh,
  });
  const download = useMutation({
    mutationFn: async () => {
      if (where.kind !== "guest") throw new ApiError({ status: 403, code: "permission_denied", message: "Downloads are for links only." });
      const asked = await unwrap(api.GET("/api/v1/share/{token}/versions/{version_id}/download", { params: guestParams(where, versionId) }));
      return asked.download_id == null ? asked : waitForCopy(where, asked.download_id, asked);
    },
  });
  return { note, decide, download };
}

export type DownloadLink = S["DownloadLink"];
/** How often a download being watermarked is asked about, and for how long at most. */
export const DOWNLOAD_POLL_MS = 1500;
const DOWNLOAD_WAIT_MS = 15 * 60 * 1000;

/**
 * A watermarked copy is made by a job: ask about it until it is `ready` (its URL) or
 * `failed` (an error with the server's reason). Polling never counts as another download.
 */
async function waitForCopy(where: Extract<ClientWhere, { kind: "guest" }>, downloadId: number, first: DownloadLink): Promise<DownloadLink> {
  const deadline = Date.now() + DOWNLOAD_WAIT_MS;
  let link = first;
  while (link.state === "queued" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, DOWNLOAD_POLL_MS));
    link = await unwrap(
      api.GET("/api/v1/share/{token}/downloads/{download_id}", {
        params: { path: { token: where.token, download_id: downloadId }, header: { "X-Guest-Token": where.guestToken } },
      }),
    );
  }
  if (link.state !== "ready" || !link.url)
    throw new ApiError({ status: 409, code: "download_failed", message: link.reason ?? "The download took too long to prepare; try again later." });
  return link;
}
