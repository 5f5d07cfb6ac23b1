import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

import type { paths } from "@/api/generated/schema";
import {
  createFakeDashboard,
  createFakeErrorResponse,
  createFakeHealth,
  createFakeRowPage,
} from "@/test/factories";

/**
 * A path of the real API, as an MSW route (`{task_id}` → `:task_id`). Handlers written with
 * it break when the schema drops the path.
 */
export function apiPath(path: keyof paths): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

/** An `ErrorResponse` JSON answer, as the server sends for every failure. */
export function errorResponse(
  status: number,
  error: { code: string; message: string; fields?: Record<string, string> },
  headers?: Record<string, string>,
) {
  return HttpResponse.json(createFakeErrorResponse(error), { status, headers });
}

/** Defaults: nobody is signed in. Tests override with `server.use(...)`. */
export const defaultHandlers = [
  http.get(apiPath("/api/v1/me"), () =>
    errorResponse(401, { code: "not_authenticated", message: "You are not signed in." }),
  ),
  http.post(apiPath("/api/v1/auth/logout"), () => new HttpResponse(null, { status: 204 })),
  http.get(apiPath("/api/v1/health"), () => HttpResponse.json(createFakeHealth())),
  http.get(apiPath("/api/v1/projects"), () => HttpResponse.json([])),
  http.get(apiPath("/api/v1/dashboard"), () => HttpResponse.json(createFakeDashboard())),
  http.get(apiPath("/api/v1/tasks"), () => HttpResponse.json(createFakeRowPage([]))),
  http.get(apiPath("/api/v1/accounts"), () => HttpResponse.json(createFakeRowPage([]))),
  http.get(apiPath("/api/v1/task-types"), () => HttpResponse.json([])),
  http.get(apiPath("/api/v1/notifications/unread-count"), () => HttpResponse.json({ unread: 0 })),
  http.get(apiPath("/api/v1/notifications"), () => HttpResponse.json({ items: [], unread: 0 })),
  http.get(apiPath("/api/v1/activity"), () => HttpResponse.json({ items: [], next_before_id: null })),
];

export const server = setupServer(...defaultHandlers);
