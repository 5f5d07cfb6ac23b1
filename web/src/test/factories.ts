import type { components } from "@/api/generated/schema";

type Schemas = components["schemas"];

/**
 * `createFake<Entity>` factories for tests. Their types come from the generated OpenAPI
 * schema, so a changed server contract breaks the tests at compile time, not at run time.
 */
let nextId = 1;

export function resetFakeIds(): void {
  nextId = 1;
}

export function createFakeAccount(overrides: Partial<Schemas["AccountRead"]> = {}): Schemas["AccountRead"] {
  const id = nextId++;
  return {
    id,
    organization_id: 1,
    email: `artist${id}@studio.test`,
    name: "Ada Lovelace",
    role: "artist",
    kind: "person",
    status: "active",
    row_version: 1,
    created_at: "2025-01-06T09:00:00Z",
    last_login_at: "2025-03-03T08:30:00Z",
    ...overrides,
  };
}

export function createFakeErrorResponse(
  overrides: Partial<Schemas["ErrorDetail"]> = {},
): Schemas["ErrorResponse"] {
  return {
    error: {
      code: "invalid_credentials",
      message: "Wrong e-mail or password.",
      fields: {},
      ...overrides,
    },
  };
}

export function createFakeLoginRequest(
  overrides: Partial<Schemas["LoginRequest"]> = {},
): Schemas["LoginRequest"] {
  return { email: "ada@studio.test", password: "correct horse battery staple", ...overrides };
}

export function createFakeHealth(overrides: Partial<Schemas["HealthRead"]> = {}): Schemas["HealthRead"] {
  return { status: "ok", database: "ok", migrations: "up to date", ...overrides };
}

export function createFakeProject(overrides: Partial<Schemas["ProjectRead"]> = {}): Schemas["ProjectRead"] {
  const id = nextId++;
  return {
    id,
    created_at: "2025-01-06T09:00:00Z",
    updated_at: "2025-01-06T09:00:00Z",
    created_by: null,
    updated_by: null,
    archived_at: null,
    row_version: 1,
    organization_id: 1,
    code: `PRJ${String(id)}`,
    name: "Northwind",
    status: "active",
    fps: 24,
    resolution_width: 4096,
    resolution_height: 2160,
    start_date: null,
    end_date: null,
    description: null,
    settings: {},
    ...overrides,
  };
}

const CATEGORIES: Schemas["TaskStatusRead"]["category"][] = [
  "todo",
  "in_progress",
  "internal_review",
  "client_review",
  "changes",
  "done",
];

export function createFakeTaskStatus(overrides: Partial<Schemas["TaskStatusRead"]> = {}): Schemas["TaskStatusRead"] {
  const id = nextId++;
  return {
    id,
    created_at: "2025-01-06T09:00:00Z",
    updated_at: "2025-01-06T09:00:00Z",
    created_by: null,
    updated_by: null,
    archived_at: null,
    row_version: 1,
    project_id: 1,
    code: `S${String(id)}`,
    name: `Status ${String(id)}`,
    color: "#3B82F6",
    category: "todo",
    sort_order: id,
    ...overrides,
  };
}

/** The default board statuses, one per column. */
export function createFakeStatuses(projectId = 1): Schemas["TaskStatusRead"][] {
  return CATEGORIES.map((category, i) =>
    createFakeTaskStatus({ id: 100 + i, project_id: projectId, category, name: category.replace("_", " "), sort_order: i }),
  );
}

export function createFakeTask(overrides: Partial<Schemas["TaskRead"]> = {}): Schemas["TaskRead"] {
  const id = nextId++;
  return {
    id,
    created_at: "2025-01-06T09:00:00Z",
    updated_at: "2025-01-06T09:00:00Z",
    created_by: null,
    updated_by: null,
    archived_at: null,
    row_version: 1,
    project_id: 1,
    shot_id: 1,
    asset_id: null,
    task_type_id: 1,
    status_id: 100,
    title: "Comp",
    description: null,
    priority: 1,
    start_date: null,
    due_date: null,
    estimated_hours: null,
    sort_order: 0,
    supervisor_id: null,
    assignee_ids: [],
    watcher_ids: [],
    custom: {},
    ...overrides,
  };
}

/** A task as a list row (`GET /projects/{id}/tasks`), keyed by field path. */
export function createFakeTaskRow(overrides: Record<string, unknown> = {}): Record<string, unknown> & { id: number } {
  const id = nextId++;
  return {
    id,
    title: `Comp ${String(id)}`,
    "task_type.code": "COMP",
    "task_type.name": "Comp",
    status: 100,
    "status.name": "todo",
    "status.color": "#9CA3AF",
    "status.category": "todo",
    shot: 1,
    "shot.code": `SQ010_${String(id).padStart(4, "0")}`,
    asset: null,
    "asset.code": null,
    assignees: [],
    "assignees.name": [],
    priority: 1,
    due_date: null,
    estimated_hours: null,
    project_id: 1,
    row_version: 1,
    ...overrides,
  };
}

export function createFakeRowPage(
  items: (Record<string, unknown> & { id: number })[],
  overrides: Partial<Schemas["RowPage"]> = {},
): Schemas["RowPage"] {
  return { items, total: items.length, page: 1, limit: 200, fields: Object.keys(items[0] ?? { id: 0 }), ...overrides };
}

export function createFakeDashboard(overrides: Partial<Schemas["DashboardRead"]> = {}): Schemas["DashboardRead"] {
  return {
    due_today: 0,
    my_due_today: 0,
    in_review: 0,
    overdue: 0,
    open_tasks: 0,
    workload: [],
    latest_uploads: [],
    recent_feedback: [],
    ...overrides,
  };
}

export function createFakeNotification(
  overrides: Partial<Schemas["NotificationRead"]> = {},
): Schemas["NotificationRead"] {
  const id = nextId++;
  return {
    id,
    type: "TASK_ASSIGNED",
    event_id: 100 + id,
    project_id: 1,
    entity_type: "task",
    entity_id: 42,
    text: "Priya Patel assigned you to SH010 COMP",
    created_at: "2025-03-03T08:30:00Z",
    read_at: null,
    ...overrides,
  };
}

export function createFakeImportJob(overrides: Partial<Schemas["ImportJobRead"]> = {}): Schemas["ImportJobRead"] {
  const id = nextId++;
  return {
    id,
    project_id: 1,
    entity: "shot",
    state: "uploaded",
    file_name: "shots.csv",
    size: 120,
    encoding: "utf-8",
    delimiter: ",",
    columns: ["Shot", "Seq", "Frame In", "Notes"],
    row_count: 3,
    mapping: { Shot: "code", Seq: "sequence.code", "Frame In": "frame_in" },
    key: "code",
    date_format: "dmy",
    policy: null,
    preview: {},
    result: {},
    ...overrides,
  };
}

export function createFakeRowPreview(overrides: Partial<Schemas["RowPreview"]> = {}): Schemas["RowPreview"] {
  return { row: 2, action: "new", id: null, changes: { code: [null, "SQ010_0010"] }, errors: {}, ...overrides };
}

export function createFakeHistoryEntry(
  overrides: Partial<Schemas["HistoryEntryRead"]> = {},
): Schemas["HistoryEntryRead"] {
  const id = nextId++;
  return {
    event_id: 500 + id,
    created_at: "2025-03-03T08:30:00Z",
    actor_id: 3,
    actor_name: "Marco Rossi",
    verb: "task.updated",
    batch_id: null,
    changes: [{ field: "priority", old: 1, new: 3 }],
    ...overrides,
  };
}
