import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeRowPage, createFakeTaskRow } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";

function shotRow(id: number, code: string) {
  return { id, code, "sequence.code": code.slice(0, 5), status: "waiting", description: null, frame_in: 1001, frame_out: 1100, working_duration: 100, row_version: 1 };
}

describe("grid", () => {
  it("renders rows and sorts and filters through the list API", async () => {
    useProductionHandlers();
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/shots"), ({ request }) => {
        const params = new URL(request.url).searchParams;
        seen.push(params);
        const rows = [shotRow(1, "SQ010_0010"), shotRow(2, "SQ020_0010")];
        const sorted = params.get("sort") === "-code" ? rows.reverse() : rows;
        return HttpResponse.json(createFakeRowPage(sorted, { total: 2 }));
      }),
    );
    const { user } = renderApp("/projects/1/shots");

    const grid = await screen.findByRole("grid", { name: "shots grid" });
    expect(await within(grid).findByText("SQ010_0010")).toBeInTheDocument();
    expect(within(grid).getByText("SQ020_0010")).toBeInTheDocument();
    expect(seen[0]?.get("limit")).toBe("200");
    expect(seen[0]?.get("fields")).toContain("code");

    await user.click(within(grid).getByRole("button", { name: "Shot" }));
    await waitFor(() => expect(seen.at(-1)?.get("sort")).toBe("code"));
    await user.click(within(grid).getByRole("button", { name: "Shot" }));
    await waitFor(() => expect(seen.at(-1)?.get("sort")).toBe("-code"));

    await user.type(screen.getByLabelText("Filter shots"), "SQ02");
    await waitFor(() => expect(seen.at(-1)?.get("code__contains")).toBe("SQ02"));
    await user.selectOptions(screen.getByLabelText("Status filter"), "waiting");
    await waitFor(() => expect(seen.at(-1)?.get("status")).toBe("waiting"));
  });

  it("sends If-Match on inline edit and shows the conflict on 412", async () => {
    useProductionHandlers();
    const row = createFakeTaskRow({ id: 42, title: "Grade", priority: 1, row_version: 7 });
    let ifMatch: string | null = null;
    let body: unknown = null;
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/tasks"), () => HttpResponse.json(createFakeRowPage([row]))),
      http.patch(apiPath("/api/v1/tasks/{task_id}"), async ({ request }) => {
        ifMatch = request.headers.get("If-Match");
        body = await request.json();
        return errorResponse(412, { code: "stale_version", message: "Changed meanwhile." });
      }),
    );
    const { user } = renderApp("/projects/1/tasks");

    const grid = await screen.findByRole("grid", { name: "tasks grid" });
    const taskRow = (await within(grid).findByText("Grade")).closest<HTMLElement>("[role=row]");
    if (!taskRow) throw new Error("no row");
    await user.dblClick(within(taskRow).getByLabelText(/^Priority:/));
    await user.selectOptions(screen.getByLabelText("Edit Priority"), "3");

    expect(await screen.findByRole("alert")).toHaveTextContent("changed by someone else — reload");
    expect(ifMatch).toBe('"7"');
    expect(body).toEqual({ priority: 3 });
    expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();
  });

  it("batch toolbar sends the selected ids to bulk-update", async () => {
    useProductionHandlers();
    const rows = [createFakeTaskRow({ id: 11 }), createFakeTaskRow({ id: 12 }), createFakeTaskRow({ id: 13 })];
    let bulk: unknown = null;
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/tasks"), () => HttpResponse.json(createFakeRowPage(rows))),
      http.post(apiPath("/api/v1/tasks/bulk-update"), async ({ request }) => {
        bulk = await request.json();
        return HttpResponse.json({ batch_id: "b1", count: 2 });
      }),
    );
    const { user } = renderApp("/projects/1/tasks");

    await user.click(await screen.findByLabelText("Select row 11"));
    await user.click(screen.getByLabelText("Select row 13"));
    const toolbar = screen.getByRole("toolbar", { name: "Batch actions" });
    expect(toolbar).toHaveTextContent("2 selected");
    await user.selectOptions(within(toolbar).getByLabelText("Set status"), "104");

    await waitFor(() => expect(bulk).toEqual({ task_ids: [11, 13], set: { status_id: 104 } }));
    await waitFor(() => expect(screen.queryByRole("toolbar", { name: "Batch actions" })).not.toBeInTheDocument());
  });
});
