import { act, screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";

import { keysForItem } from "@/features/live/invalidate";
import { FakeEventSource } from "@/test/event-source";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

afterEach(() => {
  vi.unstubAllGlobals();
  FakeEventSource.instances = [];
});

describe("live updates", () => {
  it("maps events to the query keys they make stale, by entity type", () => {
    expect(keysForItem({ verb: "task.updated", entity_type: "task" })).toEqual(
      expect.arrayContaining([["tasks"], ["dashboard"], ["activity"]]),
    );
    expect(keysForItem({ verb: "version.created", entity_type: "version" })).toEqual(
      expect.arrayContaining([["review"], ["tasks"]]),
    );
    expect(keysForItem({ verb: "shot.archived", entity_type: "shot" })).toEqual(expect.arrayContaining([["shot"]]));
    // A verb nobody listed still refreshes its entity's caches ...
    expect(keysForItem({ verb: "shot.renumbered", entity_type: "shot" })).toEqual(expect.arrayContaining([["shot"]]));
    // ... a new entity type follows the `[type]` / `[type + "s"]` convention ...
    expect(keysForItem({ verb: "playlist.created", entity_type: "playlist" })).toEqual(
      expect.arrayContaining([["playlist"], ["playlists"]]),
    );
    // ... and what an event links to is refreshed too (not the people it names).
    const linked = keysForItem({
      verb: "annotation.created",
      entity_type: "annotation",
      links: [{ entity_type: "account" }, { entity_type: "task" }, { entity_type: null }],
    });
    expect(linked).toEqual(expect.arrayContaining([["annotations"], ["tasks"]]));
    expect(linked).not.toContainEqual(["accounts"]);
    // The unread count comes with the stream's own `notification` message.
    expect(keysForItem({ verb: "task.assigned", entity_type: "task" })).not.toContainEqual(["notifications"]);
  });

  it("opens one stream for the project and refreshes the grid on any shot event", async () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    useProductionHandlers("producer");
    let unreadCalls = 0;
    let shotCalls = 0;
    server.use(
      http.get(apiPath("/api/v1/notifications/unread-count"), () => {
        unreadCalls += 1;
        return HttpResponse.json({ unread: 0 });
      }),
      http.get(apiPath("/api/v1/projects/{project_id}/shots"), () => {
        shotCalls += 1;
        return HttpResponse.json({ items: [], total: 0, page: 1, limit: 200, fields: [] });
      }),
    );
    renderApp("/projects/1/shots");
    await screen.findByRole("grid", { name: "shots grid" });
    await waitFor(() => expect(FakeEventSource.latest().url).toBe("/api/v1/stream?project_id=1"));
    const source = FakeEventSource.latest();
    act(() => source.open());
    await waitFor(() => expect(unreadCalls).toBe(1));
    let before = shotCalls;
    act(() => source.emit(10, { verb: "shot.updated", entity_type: "shot" }));
    await waitFor(() => expect(shotCalls).toBeGreaterThan(before));
    // A verb the web app has never heard of: refreshed all the same.
    before = shotCalls;
    act(() => source.emit(11, { verb: "shot.renumbered", entity_type: "shot" }));
    await waitFor(() => expect(shotCalls).toBeGreaterThan(before));
    // A malformed message is ignored; events never re-ask the unread count.
    act(() => {
      source.dispatchEvent(new MessageEvent("message", { data: "not json" }));
    });
    expect(unreadCalls).toBe(1);
  });
});
