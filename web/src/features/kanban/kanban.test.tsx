import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeRowPage, createFakeTaskRow } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";

function column(name: RegExp) {
  return screen.getByRole("region", { name });
}

describe("kanban", () => {
  it("moves a card at once and rolls it back with a message on 403", async () => {
    useProductionHandlers("artist");
    const row = createFakeTaskRow({ id: 7, title: "Roto", "shot.code": "SQ010_0010", row_version: 3 });
    let release: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    let ifMatch: string | null = null;
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/tasks"), () => HttpResponse.json(createFakeRowPage([row]))),
      http.patch(apiPath("/api/v1/tasks/{task_id}"), async ({ request }) => {
        ifMatch = request.headers.get("If-Match");
        await answered;
        return errorResponse(403, { code: "permission_denied", message: "Not your task." });
      }),
    );
    const { user } = renderApp("/projects/1/kanban");

    expect(await within(await screen.findByRole("region", { name: /Todo/ })).findByText("Roto")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Move SQ010_0010 Roto to"), "in_progress");

    // Optimistic: the card is in In Progress before the server answers.
    await waitFor(() => expect(within(column(/In Progress/)).getByText("Roto")).toBeInTheDocument());
    expect(within(column(/Todo/)).queryByText("Roto")).not.toBeInTheDocument();

    release();
    expect(await screen.findByRole("alert")).toHaveTextContent("only move tasks assigned to you");
    await waitFor(() => expect(within(column(/Todo/)).getByText("Roto")).toBeInTheDocument());
    expect(within(column(/In Progress/)).queryByText("Roto")).not.toBeInTheDocument();
    expect(ifMatch).toBe('"3"');
  });

  it("keeps the move when the server accepts it", async () => {
    useProductionHandlers();
    const row = createFakeTaskRow({ id: 8, title: "Grade", "shot.code": "SQ010_0020" });
    let body: unknown = null;
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/tasks"), () => HttpResponse.json(createFakeRowPage([row]))),
      http.patch(apiPath("/api/v1/tasks/{task_id}"), async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 8, row_version: 2 });
      }),
      http.get(apiPath("/api/v1/dashboard"), () => HttpResponse.json({})),
    );
    const { user } = renderApp("/projects/1/kanban");

    await user.selectOptions(await screen.findByLabelText("Move SQ010_0020 Grade to"), "done");
    await waitFor(() => expect(body).toEqual({ status_id: 105 }));
    expect(within(column(/Done/)).getByText("Grade")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("renders a 1,500-card column without mounting every card", async () => {
    useProductionHandlers();
    const rows = Array.from({ length: 1500 }, (_, i) => createFakeTaskRow({ title: `Bulk ${String(i)}` }));
    server.use(http.get(apiPath("/api/v1/projects/{project_id}/tasks"), () => HttpResponse.json(createFakeRowPage(rows))));
    renderApp("/projects/1/kanban");

    const todo = await screen.findByRole("region", { name: /Todo/ });
    expect(await within(todo).findByText("Bulk 0")).toBeInTheDocument();
    expect(within(todo).getByText("1500")).toBeInTheDocument();
    const mounted = todo.querySelectorAll("li[data-task-id]").length;
    expect(mounted).toBeGreaterThan(0);
    expect(mounted).toBeLessThan(60);
  });

  it("filters by task type and due date through the list query", async () => {
    useProductionHandlers();
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(apiPath("/api/v1/task-types"), () =>
        HttpResponse.json([{ id: 3, code: "ROTO", name: "Roto", applies_to: "shot", color: "#fff", sort_order: 0 }]),
      ),
      http.get(apiPath("/api/v1/projects/{project_id}/tasks"), ({ request }) => {
        seen.push(new URL(request.url).searchParams);
        return HttpResponse.json(createFakeRowPage([createFakeTaskRow()]));
      }),
    );
    const { user } = renderApp("/projects/1/kanban");
    const types = await screen.findByLabelText("Task type filter");
    await within(types).findByRole("option", { name: "Roto" });
    await user.selectOptions(types, "3");
    await user.selectOptions(screen.getByLabelText("Due date filter"), "overdue");
    await waitFor(() => {
      const last = seen[seen.length - 1];
      expect(last?.get("task_type.id")).toBe("3");
      expect(last?.get("view")).toBe("overdue");
    });
  });
});
