import type { components } from "@/api/generated/schema";
import { createFakeVersion } from "@/test/review";

type S = components["schemas"];

/** `createFake<Entity>` factories for client review, typed from the generated schema. */
export function createFakeReviewSession(overrides: Partial<S["ReviewSessionRead"]> = {}): S["ReviewSessionRead"] {
  return {
    id: 12,
    project_id: 1,
    name: "Northwind — client review 2025-03-03",
    state: "active",
    expires_at: "2025-03-17T09:00:00Z",
    has_password: false,
    allow_comments: true,
    allow_approvals: true,
    allow_downloads: false,
    download_limit: null,
    downloads: 0,
    require_email: false,
    revoked_at: null,
    created_at: "2025-03-03T09:00:00Z",
    created_by: 2,
    version_ids: [5],
    ...overrides,
  };
}

export function createFakeShareResult(created: S["ReviewSessionCreated"] | null = null): S["ShareResult"] {
  return {
    version: createFakeVersion({ is_client_visible: true, shared_at: "2025-03-03T09:30:00Z", shared_by: 2 }),
    review_session: created ?? createFakeReviewSession(),
    created,
    task_status_id: 104,
  };
}

export function createFakeClientItem(overrides: Partial<S["ClientVersionItem"]> = {}): S["ClientVersionItem"] {
  const { id, number, description, frame_in, frame_out, fps, shared_at, media } = createFakeVersion();
  return { id, number, description, frame_in, frame_out, fps, shared_at: shared_at ?? "2025-03-03T09:30:00Z", media, label: "SH010 COMP v001", entity_code: "SH010", step: "COMP", latest: true, ...overrides };
}

export function createFakeClientPlayer(overrides: Partial<S["ClientPlayerData"]> = {}): S["ClientPlayerData"] {
  return {
    version: createFakeClientItem(),
    media_id: 9,
    proxy_url: "/api/v1/media/9/content/proxy?sig=x",
    urls_expire_at: "2025-03-03T10:05:00Z",
    rate: { numerator: 24, denominator: 1, fps: 24, drop_frame: false },
    frame_count: 48,
    first_frame: 1001,
    last_frame: 1048,
    width: 1920,
    height: 1080,
    first_frame_timecode: "00:00:41:17",
    notes: [],
    decisions: [],
    watermark: "Dana Client · 2025-03-03",
    can_comment: true,
    can_approve: true,
    can_download: false,
    download_watermarked: false,
    ...overrides,
  };
}
