import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import type { SearchHit } from "@/api/search";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

function hit(overrides: Partial<SearchHit>): SearchHit {
  return { type: "shot", id: 1, code: "SQ010_0010", title: "SQ010_0010", context: "NWD / SQ010", project_id: 1, path: "/projects/1/shots/1", ...overrides };
}

describe("global search", () => {
  it("opens with Ctrl+K, groups hits by type, moves with the arrows and opens with Enter", async () => {
    useProductionHandlers("producer");
    const queries: string[] = [];
    server.use(
      http.get(apiPath("/api/v1/search"), ({ request }) => {
        const q = new URL(request.url).searchParams.get("q") ?? "";
        queries.push(q);
        return HttpResponse.json({
          query: q,
          items: [
            hit({ id: 1 }),
            hit({ type: "task", id: 42, code: "", title: "SQ010_0010 Comp", context: "NWD / SQ010_0010", path: "/tasks/42" }),
            hit({ id: 2, code: "SQ010_0020", title: "SQ010_0020", path: "/projects/1/shots/2" }),
          ],
          counts: { shot: 2, task: 1 },
        });
      }),
      http.get(apiPath("/api/v1/tasks/{task_id}"), () => HttpResponse.json(null, { status: 404 })),
    );
    const { user, router } = renderApp("/");
    const box = await screen.findByRole("combobox", { name: "Search" });
    await user.keyboard("{Control>}k{/Control}");
    expect(box).toHaveFocus();
    await user.keyboard("SQ010");

    const list = await screen.findByRole("listbox", { name: "Search results" });
    const shots = await within(list).findByRole("group", { name: "Shots" });
    expect(within(shots).getAllByRole("option")).toHaveLength(2);
    expect(within(list).getByRole("group", { name: "Tasks" })).toBeInTheDocument();
    // Debounced: one request for the whole word.
    expect(queries).toEqual(["SQ010"]);

    // Shots come first: SQ010_0010, SQ010_0020, then the task.
    expect(within(list).getAllByRole("option")[0]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    const task = within(list).getByRole("option", { name: /SQ010_0010 Comp/ });
    expect(task).toHaveAttribute("aria-selected", "true");
    expect(box).toHaveAttribute("aria-activedescendant", task.id);
    await user.keyboard("{ArrowDown}");
    expect(within(list).getAllByRole("option")[0]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowUp}{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/tasks/42"));
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
  });

  it("lists versions and notes in their own groups and opens a note's review page", async () => {
    useProductionHandlers("producer");
    server.use(
      http.get(apiPath("/api/v1/search"), ({ request }) => {
        const q = new URL(request.url).searchParams.get("q") ?? "";
        return HttpResponse.json({
          query: q,
          items: [
            hit({ type: "version", id: 7, code: "SQ010_0010 COMP v004", title: "Wider flames", context: "NWD", path: "/review/7" }),
            hit({ type: "note", id: 90, code: "", title: "The flicker on frame 1012", context: "NWD / SQ010_0010 COMP v003", path: "/review/6" }),
          ],
          counts: { version: 1, note: 12 },
        });
      }),
      http.get(apiPath("/api/v1/versions/{version_id}/player"), () => HttpResponse.json(null, { status: 404 })),
    );
    const { user, router } = renderApp("/");
    await screen.findByRole("combobox", { name: "Search" });
    await user.keyboard("{Control>}k{/Control}flicker");

    const list = await screen.findByRole("listbox", { name: "Search results" });
    const versions = await within(list).findByRole("group", { name: "Versions" });
    expect(within(versions).getByRole("option")).toHaveTextContent("SQ010_0010 COMP v004Wider flamesNWD");
    const notes = within(list).getByRole("group", { name: "Notes" });
    // the tab count is every match, not just the hits shown
    expect(notes).toHaveTextContent("Notes 12");
    await user.click(within(notes).getByRole("option", { name: /The flicker on frame 1012/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/review/6"));
  });
});
