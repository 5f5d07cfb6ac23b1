import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeRowPage } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

function archivedShots() {
  return [{ id: 11, code: "SQ010_0010", "sequence.code": "SQ010", archived_at: "2025-03-03T08:30:00Z" }];
}

describe("archived page", () => {
  it("lists archived rows with archived_only and restores one", async () => {
    useProductionHandlers("producer");
    const seen: URLSearchParams[] = [];
    let restored: number | null = null;
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/shots"), ({ request }) => {
        seen.push(new URL(request.url).searchParams);
        return HttpResponse.json(createFakeRowPage(restored ? [] : archivedShots(), { total: restored ? 0 : 1 }));
      }),
      http.post(apiPath("/api/v1/shots/{shot_id}/restore"), ({ params }) => {
        restored = Number(params.shot_id);
        return HttpResponse.json({});
      }),
    );
    const { user } = renderApp("/projects/1/archived");
    const table = await screen.findByRole("table", { name: "Archived shots" });
    expect(seen[0]?.get("archived_only")).toBe("true");
    await user.click(within(table).getByRole("button", { name: "Restore SQ010_0010" }));
    await waitFor(() => expect(restored).toBe(11));
    expect(await screen.findByText("No archived shots")).toBeInTheDocument();
  });

  it("deletes forever only after the code is typed", async () => {
    useProductionHandlers("producer");
    let confirm: unknown = null;
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/shots"), () =>
        HttpResponse.json(createFakeRowPage(confirm ? [] : archivedShots(), { total: 1 })),
      ),
      http.delete(apiPath("/api/v1/shots/{shot_id}"), async ({ request }) => {
        confirm = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp("/projects/1/archived");
    await user.click(await screen.findByRole("button", { name: "Delete SQ010_0010 forever" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Delete SQ010_0010 forever?" });
    const submit = within(dialog).getByRole("button", { name: "Delete forever" });
    expect(submit).toBeDisabled();
    const input = within(dialog).getByLabelText("Type SQ010_0010 to confirm");
    await user.type(input, "SQ010_001");
    expect(submit).toBeDisabled();
    await user.type(input, "0");
    expect(submit).toBeEnabled();
    await user.click(submit);
    await waitFor(() => expect(confirm).toEqual({ confirm: "SQ010_0010" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
  });

  it("offers no delete to supervisors", async () => {
    useProductionHandlers("producer");
    server.use(
      http.get(apiPath("/api/v1/me"), () =>
        HttpResponse.json({ id: 2, organization_id: 1, email: "s@studio.test", name: "Sam", role: "supervisor", kind: "person", status: "active", row_version: 1, created_at: "2025-01-06T09:00:00Z", last_login_at: null }),
      ),
      http.get(apiPath("/api/v1/projects/{project_id}/shots"), () => HttpResponse.json(createFakeRowPage(archivedShots(), { total: 1 }))),
    );
    renderApp("/projects/1/archived");
    expect(await screen.findByRole("button", { name: "Restore SQ010_0010" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete SQ010_0010 forever" })).not.toBeInTheDocument();
  });
});
