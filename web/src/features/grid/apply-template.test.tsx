import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeRowPage } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";

const STAMP = { created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", archived_at: null, row_version: 1 };
const TEMPLATES = [
  { id: 1, project_id: 1, name: "Shot basics", applies_to: "shot", title_pattern: "{type}", items: [], ...STAMP },
  { id: 2, project_id: 1, name: "Asset basics", applies_to: "asset", title_pattern: "{type}", items: [], ...STAMP },
];

function shots() {
  return [
    { id: 11, code: "SQ010_0010", status: "waiting", row_version: 1 },
    { id: 12, code: "SQ010_0020", status: "waiting", row_version: 1 },
    { id: 13, code: "SQ010_0030", status: "waiting", row_version: 1 },
  ];
}

async function selectAll() {
  const { user } = renderApp("/projects/1/shots");
  const grid = await screen.findByRole("grid", { name: "shots grid" });
  await within(grid).findByText("SQ010_0030");
  await user.click(within(grid).getByLabelText("Select all rows"));
  const toolbar = screen.getByRole("toolbar", { name: "Batch actions" });
  await within(toolbar).findByRole("option", { name: "Shot basics" });
  return { user, toolbar };
}

describe("apply template to selected shots", () => {
  it("applies the shot template to every selected shot in one call and says what it made", async () => {
    useProductionHandlers();
    let body: unknown = null;
    let calls = 0;
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/shots"), () => HttpResponse.json(createFakeRowPage(shots()))),
      http.get(apiPath("/api/v1/projects/{project_id}/task-templates"), () => HttpResponse.json(TEMPLATES)),
      http.post(apiPath("/api/v1/projects/{project_id}/task-templates/{template_id}/apply"), async ({ request, params }) => {
        calls += 1;
        body = { template: params.template_id, ...(await request.json() as object) };
        return HttpResponse.json({ batch_id: "b1", created: 7, skipped: 2, task_ids: [] }, { status: 201 });
      }),
    );
    const { user, toolbar } = await selectAll();

    const select = within(toolbar).getByLabelText("Apply template");
    expect(within(select).queryByRole("option", { name: "Asset basics" })).not.toBeInTheDocument();
    await user.selectOptions(select, "1");

    expect(await within(toolbar).findByRole("status")).toHaveTextContent(
      "Created 7 tasks on 3 shots; 2 tasks already existed and were skipped.",
    );
    expect(calls).toBe(1);
    expect(body).toEqual({ template: "1", shot_ids: [11, 12, 13] });
  });

  it("lists the shots that cannot take the template and says nothing was created", async () => {
    useProductionHandlers();
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/shots"), () => HttpResponse.json(createFakeRowPage(shots()))),
      http.get(apiPath("/api/v1/projects/{project_id}/task-templates"), () => HttpResponse.json(TEMPLATES)),
      http.post(apiPath("/api/v1/projects/{project_id}/task-templates/{template_id}/apply"), () =>
        errorResponse(422, {
          code: "validation_failed",
          message: "Nothing was created: 2 of the 3 shots cannot take this template.",
          fields: { "shot_ids.12": "SQ010_0020 is archived", "shot_ids.13": "no shot 13 in this project" },
        }),
      ),
    );
    const { user, toolbar } = await selectAll();

    await user.selectOptions(within(toolbar).getByLabelText("Apply template"), "1");

    const alert = await within(toolbar).findByRole("alert");
    expect(alert).toHaveTextContent("Nothing was created: 2 of the 3 shots cannot take this template.");
    const problems = within(alert).getByRole("list", { name: "Problems by shot" });
    expect(within(problems).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "SQ010_0020 is archived",
      "no shot 13 in this project",
    ]);
    expect(within(toolbar).getByText("3 selected")).toBeInTheDocument();
  });
});
