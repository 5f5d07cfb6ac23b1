import type { components } from "@/api/generated/schema";

type S = components["schemas"];

/** `createFake<Entity>` factories for the review screens, typed from the generated schema. */
export function createFakeVersion(overrides: Partial<S["VersionRead"]> = {}): S["VersionRead"] {
  return {
    id: 5,
    created_at: "2025-03-03T09:00:00Z",
    updated_at: "2025-03-03T09:00:00Z",
    created_by: 4,
    updated_by: 4,
    archived_at: null,
    row_version: 1,
    project_id: 1,
    task_id: 7,
    number: 1,
    description: "first pass",
    uploaded_by: 4,
    status: "pending_review",
    ready_to_share: false,
    frame_in: 1001,
    frame_out: 1048,
    fps: "24",
    is_client_visible: false,
    shared_at: null,
    shared_by: null,
    media_ids: [9],
    media: [
      {
        media_id: 9,
        role: "main",
        position: 0,
        state: "ready",
        failure_reason: null,
        mime: "video/mp4",
        original_name: "comp_v001.mp4",
        width: 1920,
        height: 1080,
        frame_count: 48,
        fps: "24",
        thumbnail_url: null,
        proxy_ready: true,
      },
    ],
    ...overrides,
  };
}

export function createFakeNote(overrides: Partial<S["NoteRead"]> = {}): S["NoteRead"] {
  return {
    id: 31,
    created_at: "2025-03-03T10:00:00Z",
    updated_at: "2025-03-03T10:00:00Z",
    created_by: 3,
    updated_by: 3,
    archived_at: null,
    row_version: 1,
    project_id: 1,
    target_type: "version",
    target_id: 5,
    task_id: 7,
    version_id: 5,
    shot_id: null,
    asset_id: null,
    parent_id: null,
    author_id: 3,
    guest_name: null,
    body: "Edge too hard — @[Maya Chen](account:4) can you check?",
    visibility: "internal",
    frame_in: 1012,
    frame_out: null,
    annotation: { shapes: [{ type: "rect", color: "#FF3B30", stroke_width: 4, x: 700, y: 350, width: 200, height: 120 }] },
    mention_ids: [4],
    attachment_ids: [],
    replies: [],
    ...overrides,
  };
}

export function createFakePlayer(overrides: Partial<S["PlayerData"]> = {}): S["PlayerData"] {
  const version = overrides.version ?? createFakeVersion();
  return {
    version,
    media_id: 9,
    state: "ready",
    proxy_url: "/api/v1/media/9/content/proxy?sig=x",
    urls_expire_at: "2025-03-03T10:05:00Z",
    rate: { numerator: 24, denominator: 1, fps: 24, drop_frame: false },
    frame_count: 48,
    first_frame: 1001,
    last_frame: 1048,
    width: 1920,
    height: 1080,
    start_timecode: null,
    first_frame_timecode: "00:00:41:17",
    filmstrip: null,
    notes: [],
    approval: { status: version.status, ready_to_share: false, history: [] },
    ...overrides,
  };
}
