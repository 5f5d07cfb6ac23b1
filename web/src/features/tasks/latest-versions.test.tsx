import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeRowPage, createFakeTaskRow } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

const SHOT = {
  id: 5, created_at: "2025-01-01T00:00:00Z", updated_at: "2025-01-01T00:00:00Z", created_by: null, updated_by: null,
  archived_at: null, row_version: 1, project_id: 1, sequence_id: null, code: "SQ010_0010", description: null,
  status: "in_progress", frame_in: 1001, frame_out: 1096, cut_in: null, cut_out: null, head_handles: null,
  tail_handles: null, working_duration: 96, thumbnail_media_id: null, sort_order: 0, custom: {},
} as const;

describe("shot page: latest versions", () => {
  it("shows one card per task with its latest version linking to the review, from one task list request", async () => {
    useProductionHandlers();
    const requests: URLSearchParams[] = [];
    const comp = createFakeTaskRow({
      id: 41,
      title: "Comp",
      "status.name": "Client Review",
      latest_version_id: 900,
      latest_version_number: 4,
      latest_version_status: "approved",
      latest_version_thumbnail_id: 77,
      note_count: 3,
    });
    const roto = createFakeTaskRow({
      id: 42,
      title: "Roto",
      "task_type.code": "ROTO",
      "task_type.name": "Roto",
      latest_version_id: null,
      latest_version_number: null,
      note_count: 2,
    });
    server.use(
      http.get(apiPath("/api/v1/shots/{shot_id}"), () => HttpResponse.json(SHOT)),
      http.get(apiPath("/api/v1/history/{entity}/{row_id}"), () => HttpResponse.json({ items: [], next_before_id: null })),
      http.get(apiPath("/api/v1/projects/{project_id}/tasks"), ({ request }) => {
        requests.push(new URL(request.url).searchParams);
        return HttpResponse.json(createFakeRowPage([comp, roto]));
      }),
    );
    renderApp("/projects/1/shots/5");

    const section = await screen.findByRole("list", { name: "Latest versions" });
    const compCard = within(section).getByRole("listitem", { name: "Comp" });
    expect(within(compCard).getByText("Client Review")).toBeInTheDocument();
    expect(within(compCard).getByText("Approved")).toBeInTheDocument();
    expect(within(compCard).getByLabelText("3 notes")).toBeInTheDocument();
    expect(compCard.querySelector("img")?.getAttribute("src")).toBe("/api/v1/media/77/renditions/thumbnail_small");
    const review = within(compCard).getByRole("link", { name: /Latest version v004/ });
    expect(review).toHaveAttribute("href", "/review/900");

    const rotoCard = within(section).getByRole("listitem", { name: "Roto" });
    expect(within(rotoCard).getByText("No version yet")).toBeInTheDocument();
    expect(within(rotoCard).getByLabelText("2 notes")).toBeInTheDocument();
    expect(within(rotoCard).queryByRole("link", { name: /Latest version/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/once versions land/)).not.toBeInTheDocument();

    expect(requests).toHaveLength(1);
    expect(requests[0]?.get("fields")?.split(",")).toEqual(
      expect.arrayContaining(["latest_version_id", "latest_version_number", "latest_version_status", "latest_version_thumbnail_id", "note_count"]),
    );
  });
});
