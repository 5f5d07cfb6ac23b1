import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeHistoryEntry, createFakeTask } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";

function useHistoryHandlers() {
  useProductionHandlers("producer");
  const latest = createFakeHistoryEntry({ event_id: 902, changes: [{ field: "priority", old: 1, new: 3 }] });
  const batch = createFakeHistoryEntry({ event_id: 901, batch_id: "b-7", changes: [{ field: "due_date", old: null, new: "2025-04-01" }] });
  server.use(
    http.get(apiPath("/api/v1/tasks/{task_id}"), () => HttpResponse.json(createFakeTask({ id: 42, title: "Comp", shot_id: 5 }))),
    http.get(apiPath("/api/v1/shots/{shot_id}"), () => HttpResponse.json(null, { status: 404 })),
    http.get(apiPath("/api/v1/tasks/{task_id}/versions"), () => HttpResponse.json([])),
    http.get(apiPath("/api/v1/tasks/{target_id}/notes"), () => HttpResponse.json([])),
    http.get(apiPath("/api/v1/tasks/{task_id}/approvals"), () => HttpResponse.json([])),
    http.get(apiPath("/api/v1/history/{entity}/{row_id}"), () => HttpResponse.json({ items: [latest, batch], next_before_id: null })),
  );
}

describe("history panel", () => {
  it("shows who changed what and reverts one change; a 409 offers to force", async () => {
    useHistoryHandlers();
    const calls: string[] = [];
    server.use(
      http.post(apiPath("/api/v1/history/events/{event_id}/revert"), ({ params, request }) => {
        const force = new URL(request.url).searchParams.get("force");
        calls.push(`${String(params.event_id)} force=${String(force)}`);
        if (force !== "true")
          return errorResponse(409, { code: "conflict", message: "priority was changed again since (by Maya Chen)." });
        return HttpResponse.json({ batch_id: "r-1" });
      }),
    );
    const { user } = renderApp("/tasks/42");
    await user.click(await screen.findByRole("tab", { name: "History" }));
    const change = await screen.findByRole("listitem", { name: "Change 902" });
    expect(within(change).getByText("Marco Rossi")).toBeInTheDocument();
    expect(within(change).getByText("priority")).toBeInTheDocument();
    await user.click(within(change).getByRole("button", { name: "Revert this change" }));

    const alert = (await screen.findAllByRole("alert")).find((a) => a.textContent.includes("changed again"));
    if (!alert) throw new Error("no conflict message");
    expect(alert).toHaveTextContent("priority was changed again since (by Maya Chen).");
    await user.click(within(alert).getByRole("button", { name: "Revert anyway" }));
    await waitFor(() => expect(calls).toEqual(["902 force=false", "902 force=true"]));
    expect(await screen.findByText("Reverted (forced).")).toBeInTheDocument();
  });

  it("reverts to a point and undoes a whole batch", async () => {
    useHistoryHandlers();
    let toPoint: string | null = null;
    let undone: string | null = null;
    server.use(
      http.post(apiPath("/api/v1/history/{entity}/{row_id}/revert"), ({ params, request }) => {
        toPoint = `${String(params.entity)}/${String(params.row_id)}@${String(new URL(request.url).searchParams.get("to_event_id"))}`;
        return HttpResponse.json({ batch_id: "r-2" });
      }),
      http.post(apiPath("/api/v1/history/batches/{batch_id}/undo"), ({ params }) => {
        undone = String(params.batch_id);
        return HttpResponse.json({ batch_id: "r-3" });
      }),
    );
    const { user } = renderApp("/tasks/42");
    await user.click(await screen.findByRole("tab", { name: "History" }));
    const older = await screen.findByRole("listitem", { name: "Change 901" });
    expect(within(screen.getByRole("listitem", { name: "Change 902" })).queryByRole("button", { name: "Revert to this point" })).toBeNull();
    await user.click(within(older).getByRole("button", { name: "Revert to this point" }));
    await waitFor(() => expect(toPoint).toBe("task/42@901"));
    await user.click(within(older).getByRole("button", { name: "Undo the whole batch" }));
    await waitFor(() => expect(undone).toBe("b-7"));
  });
});
