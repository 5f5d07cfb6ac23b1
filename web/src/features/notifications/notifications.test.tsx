import { act, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FakeEventSource } from "@/test/event-source";
import { createFakeNotification, createFakeTask } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

describe("notifications bell", () => {
  it("shows the unread count, marks one read on click and opens its task", async () => {
    useProductionHandlers("artist");
    const unread = createFakeNotification({ id: 7, entity_id: 42, text: "Priya Patel assigned you to SH010 COMP" });
    const old = createFakeNotification({ id: 8, text: "SH020 ROTO was approved", read_at: "2025-03-02T10:00:00Z" });
    let count = 1;
    const marked: number[] = [];
    server.use(
      http.get(apiPath("/api/v1/notifications/unread-count"), () => HttpResponse.json({ unread: count })),
      http.get(apiPath("/api/v1/notifications"), () =>
        HttpResponse.json({ items: [count ? unread : { ...unread, read_at: "2025-03-03T09:00:00Z" }, old], unread: count }),
      ),
      http.post(apiPath("/api/v1/notifications/{notification_id}/read"), ({ params }) => {
        marked.push(Number(params.notification_id));
        count = 0;
        return HttpResponse.json({ ...unread, read_at: "2025-03-03T09:00:00Z" });
      }),
      http.get(apiPath("/api/v1/tasks/{task_id}"), () => HttpResponse.json(createFakeTask({ id: 42, title: "SH010 comp" }))),
      http.get(apiPath("/api/v1/shots/{shot_id}"), () => HttpResponse.json(null, { status: 404 })),
      http.get(apiPath("/api/v1/tasks/{task_id}/versions"), () => HttpResponse.json([])),
      http.get(apiPath("/api/v1/tasks/{target_id}/notes"), () => HttpResponse.json([])),
      http.get(apiPath("/api/v1/tasks/{task_id}/approvals"), () => HttpResponse.json([])),
    );
    const { user, router } = renderApp("/");

    const bell = await screen.findByRole("button", { name: "Notifications (1 unread)" });
    expect(within(bell).getByTestId("unread-badge")).toHaveTextContent("1");
    await user.click(bell);
    const item = await screen.findByRole("menuitem", { name: /Unread: Priya Patel assigned you/ });
    expect(screen.getByRole("menuitem", { name: /SH020 ROTO was approved/ })).toBeInTheDocument();
    await user.click(item);

    await waitFor(() => expect(marked).toEqual([7]));
    await waitFor(() => expect(router.state.location.pathname).toBe("/tasks/42"));
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeInTheDocument();
  });

  it("marks all read", async () => {
    useProductionHandlers("artist");
    let count = 2;
    let readAll = 0;
    server.use(
      http.get(apiPath("/api/v1/notifications/unread-count"), () => HttpResponse.json({ unread: count })),
      http.get(apiPath("/api/v1/notifications"), () =>
        HttpResponse.json({ items: [createFakeNotification(), createFakeNotification()], unread: count }),
      ),
      http.post(apiPath("/api/v1/notifications/read-all"), () => {
        readAll += 1;
        count = 0;
        return HttpResponse.json({ marked: 2 });
      }),
    );
    const { user } = renderApp("/");
    await user.click(await screen.findByRole("button", { name: "Notifications (2 unread)" }));
    await user.click(await screen.findByRole("button", { name: "Mark all read" }));
    await waitFor(() => expect(readAll).toBe(1));
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeInTheDocument();
  });

  it("saves a preference from the matrix", async () => {
    useProductionHandlers("artist");
    const bodies: unknown[] = [];
    const prefs = { TASK_ASSIGNED: { in_app: true, email: "immediate" as const, slack: false } };
    server.use(
      http.get(apiPath("/api/v1/me/notification-preferences"), () => HttpResponse.json({ preferences: prefs })),
      http.put(apiPath("/api/v1/me/notification-preferences"), async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ preferences: { TASK_ASSIGNED: { ...prefs.TASK_ASSIGNED, email: "digest" } } });
      }),
    );
    const { user } = renderApp("/settings/notifications");
    const select = await screen.findByLabelText("A task is assigned to me: e-mail");
    expect(select).toHaveValue("immediate");
    await user.selectOptions(select, "digest");
    await waitFor(() => expect(bodies).toEqual([{ preferences: { TASK_ASSIGNED: { email: "digest" } } }]));
  });
});

describe("notifications bell, live", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeEventSource.instances = [];
  });

  it("shows the count from the stream's notification message at once, and the new inbox", async () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    useProductionHandlers("artist");
    let unreadCalls = 0;
    let items = [createFakeNotification({ id: 1, text: "SH020 ROTO was approved", read_at: "2025-03-02T10:00:00Z" })];
    server.use(
      http.get(apiPath("/api/v1/notifications/unread-count"), () => {
        unreadCalls += 1;
        return HttpResponse.json({ unread: 0 });
      }),
      http.get(apiPath("/api/v1/notifications"), () =>
        HttpResponse.json({ items, unread: items.filter((n) => n.read_at === null).length }),
      ),
    );
    const { user } = renderApp("/");
    await screen.findByRole("button", { name: "Notifications" });
    act(() => FakeEventSource.latest().open());
    await user.click(screen.getByRole("button", { name: "Notifications" }));
    expect(await screen.findByRole("menuitem", { name: /SH020 ROTO was approved/ })).toBeInTheDocument();

    // The notifier wrote a row for this person: the stream says so.
    items = [createFakeNotification({ id: 2, text: "Priya Patel assigned you to SH010 COMP" }), ...items];
    const calls = unreadCalls;
    act(() => FakeEventSource.latest().notify(1));
    const bell = await screen.findByRole("button", { name: "Notifications (1 unread)" });
    expect(within(bell).getByTestId("unread-badge")).toHaveTextContent("1");
    expect(unreadCalls).toBe(calls); // no round trip for the count
    expect(await screen.findByRole("menuitem", { name: /Unread: Priya Patel assigned you/ })).toBeInTheDocument();

    act(() => FakeEventSource.latest().notify(0));
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeInTheDocument();
  });
});
