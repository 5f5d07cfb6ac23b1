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
