import { http, HttpResponse } from "msw";

import { createFakeAccount, createFakeProject, createFakeStatuses } from "@/test/factories";
import { apiPath, server } from "@/test/server";

/** A signed-in user with one project (id 1), its six board statuses and two people. */
export function useProductionHandlers(role: "admin" | "producer" | "artist" = "producer") {
  const me = createFakeAccount({ id: 2, name: "Priya Patel", role });
  server.use(
    http.get(apiPath("/api/v1/me"), () => HttpResponse.json(me)),
    http.get(apiPath("/api/v1/projects/{project_id}"), () =>
      HttpResponse.json(createFakeProject({ id: 1, code: "NWD", name: "Northwind" })),
    ),
    http.get(apiPath("/api/v1/projects/{project_id}/task-statuses"), () => HttpResponse.json(createFakeStatuses(1))),
    http.get(apiPath("/api/v1/projects/{project_id}/custom-fields"), () => HttpResponse.json([])),
    http.get(apiPath("/api/v1/accounts"), () =>
      HttpResponse.json({
        items: [
          { id: 3, name: "Marco Rossi", email: "marco@studio.test", role: "supervisor", status: "active" },
          { id: 4, name: "Maya Chen", email: "maya@studio.test", role: "artist", status: "active" },
        ],
        total: 2,
        page: 1,
        limit: 500,
        fields: ["id", "name", "email", "role", "status"],
      }),
    ),
  );
  return me;
}
