import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeRowPage, createFakeTaskRow } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

describe("kanban card review line", () => {
  it("shows the latest version, its thumbnail, approval state and note count", async () => {
    useProductionHandlers();
    let fields: string[] = [];
    const reviewed = createFakeTaskRow({
      id: 41,
      title: "Comp",
      "shot.code": "SQ010_0010",
      latest_version_number: 3,
      latest_version_status: "approved",
      latest_version_thumbnail_id: 77,
      note_count: 5,
    });
    const untouched = createFakeTaskRow({ id: 42, title: "Roto", "shot.code": "SQ010_0020" });
    const noThumb = createFakeTaskRow({
      id: 43,
      title: "Paint",
      "shot.code": "SQ010_0030",
      latest_version_number: 1,
      latest_version_status: "changes_requested",
      latest_version_thumbnail_id: null,
      note_count: 1,
    });
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/tasks"), ({ request }) => {
        fields = (new URL(request.url).searchParams.get("fields") ?? "").split(",");
        return HttpResponse.json(createFakeRowPage([reviewed, untouched, noThumb]));
      }),
    );
    renderApp("/projects/1/kanban");

    const card = await screen.findByRole("button", { name: "SQ010_0010 Comp" });
    expect(within(card).getByLabelText("Latest version v003")).toHaveTextContent("v003");
    expect(within(card).getByText("Approved")).toBeInTheDocument();
    expect(within(card).getByLabelText("5 notes")).toHaveTextContent("5");
    expect(card.querySelector("img")?.getAttribute("src")).toBe("/api/v1/media/77/renditions/thumbnail_small");

    const plain = screen.getByRole("button", { name: "SQ010_0020 Roto" });
    expect(within(plain).queryByTestId("card-review")).not.toBeInTheDocument();

    const changes = screen.getByRole("button", { name: "SQ010_0030 Paint" });
    expect(within(changes).getByText("Changes requested")).toBeInTheDocument();
    expect(within(changes).getByLabelText("1 note")).toBeInTheDocument();
    expect(changes.querySelector("img")).toBeNull();

    expect(fields).toEqual(
      expect.arrayContaining(["latest_version_number", "latest_version_status", "latest_version_thumbnail_id", "note_count"]),
    );
  });
});
