import { act, screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";

import { keysForVerb } from "@/features/live/invalidate";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

/** A stand-in for the browser's EventSource (happy-dom has none). */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.instances.push(this);
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event("open"));
  }
  emit(verb: string, id: number) {
    this.dispatchEvent(new MessageEvent(verb, { data: "{}", lastEventId: String(id) }));
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeEventSource.instances = [];
});

describe("live updates", () => {
  it("maps verbs to the query keys they make stale", () => {
    expect(keysForVerb("task.updated")).toEqual(
      expect.arrayContaining([["tasks"], ["dashboard"], ["notifications"]]),
    );
    expect(keysForVerb("version.created")).toEqual(expect.arrayContaining([["review"], ["tasks"]]));
    expect(keysForVerb("shot.archived")).toEqual(expect.arrayContaining([["shot"]]));
  });

  it("opens one stream for the project and refreshes the bell and the grid on events", async () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    useProductionHandlers("producer");
    let unreadCalls = 0;
    let shotCalls = 0;
    server.use(
      http.get(apiPath("/api/v1/notifications/unread-count"), () => {
        unreadCalls += 1;
        return HttpResponse.json({ unread: unreadCalls > 1 ? 1 : 0 });
      }),
      http.get(apiPath("/api/v1/projects/{project_id}/shots"), () => {
        shotCalls += 1;
        return HttpResponse.json({ items: [], total: 0, page: 1, limit: 200, fields: [] });
      }),
    );
    renderApp("/projects/1/shots");
    await screen.findByRole("grid", { name: "shots grid" });
    await waitFor(() => expect(FakeEventSource.instances.at(-1)?.url).toBe("/api/v1/stream?project_id=1"));
    const source = FakeEventSource.instances.at(-1);
    if (!source) throw new Error("no stream");
    act(() => source.open());
    const before = { unread: unreadCalls, shots: shotCalls };
    act(() => {
      source.emit("shot.updated", 10);
      source.emit("task.assigned", 11);
    });
    await waitFor(() => expect(unreadCalls).toBeGreaterThan(before.unread));
    await waitFor(() => expect(shotCalls).toBeGreaterThan(before.shots));
    expect(await screen.findByRole("button", { name: "Notifications (1 unread)" })).toBeInTheDocument();
  });
});
