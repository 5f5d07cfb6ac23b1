import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import type { Shape } from "@/api/review";
import { shapeFromDrag, toSource } from "@/features/review-player/annotation";
import { AnnotationOverlay } from "@/features/review-player/components/annotation-overlay";
import { activeMention, mentionToken, splitMentions } from "@/features/review-player/mentions";
import { createFakeTask } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { createFakeNote, createFakePlayer, createFakeVersion } from "@/test/review";
import { apiPath, errorResponse, server } from "@/test/server";

describe("drawing", () => {
  it("a rectangle drawn with pointer events is stored in source pixels at a scaled size", () => {
    const added: Shape[] = [];
    render(
      <AnnotationOverlay
        source={{ width: 1920, height: 1080 }}
        shown={[]}
        draft={[]}
        tool="rect"
        style={{ color: "#FF3B30", strokeWidth: 4 }}
        onAdd={(s) => added.push(s)}
      />,
    );
    const layer = screen.getByRole("img", { name: /Drawing layer/ });
    // the player shows the 1920×1080 frame at half size, 100 px from the left, 50 from the top
    vi.spyOn(layer, "getBoundingClientRect").mockReturnValue({ left: 100, top: 50, width: 960, height: 540, x: 100, y: 50, right: 1060, bottom: 590, toJSON: () => ({}) });
    fireEvent.pointerDown(layer, { clientX: 580, clientY: 320, button: 0, pointerId: 1 });
    fireEvent.pointerMove(layer, { clientX: 400, clientY: 200, pointerId: 1 });
    fireEvent.pointerUp(layer, { clientX: 196, clientY: 104, pointerId: 1 });
    expect(added).toEqual([{ type: "rect", color: "#FF3B30", stroke_width: 4, x: 192, y: 108, width: 768, height: 432 }]);
  });

  it("maps client pixels to source pixels and builds every drag shape", () => {
    const box = { left: 0, top: 0, width: 480, height: 270 };
    expect(toSource(240, 135, box, { width: 1920, height: 1080 })).toEqual([960, 540]);
    expect(toSource(-20, 999, box, { width: 1920, height: 1080 })).toEqual([0, 1080]);
    const style = { color: "#FFFFFF", strokeWidth: 2 };
    expect(shapeFromDrag("ellipse", [100, 100], [300, 200], style)).toEqual({ type: "ellipse", color: "#FFFFFF", stroke_width: 2, cx: 200, cy: 150, rx: 100, ry: 50 });
    expect(shapeFromDrag("arrow", [10, 20], [30, 40], style)).toEqual({ type: "arrow", color: "#FFFFFF", stroke_width: 2, start: [10, 20], end: [30, 40] });
  });
});

describe("mentions", () => {
  it("writes, finds and splits the server's mention syntax", () => {
    expect(mentionToken("Maya Chen", 4)).toBe("@[Maya Chen](account:4)");
    expect(activeMention("hi @ma", 6)).toEqual({ start: 3, query: "ma" });
    expect(activeMention("mail@ma", 7)).toBeNull();
    expect(splitMentions("ask @[Maya Chen](account:4) now")).toEqual([{ text: "ask " }, { name: "Maya Chen", id: 4 }, { text: " now" }]);
  });
});

function useReviewHandlers(player = createFakePlayer()) {
  const notes = [createFakeNote()];
  server.use(
    http.get(apiPath("/api/v1/versions/{version_id}/player"), () => HttpResponse.json({ ...player, notes })),
    http.get(apiPath("/api/v1/versions/{target_id}/notes"), () => HttpResponse.json(notes)),
    http.get(apiPath("/api/v1/tasks/{task_id}"), () => HttpResponse.json(createFakeTask({ id: 7, title: "Comp" }))),
    http.get(apiPath("/api/v1/tasks/{task_id}/versions"), () => HttpResponse.json([player.version])),
    http.get(apiPath("/api/v1/tasks/{task_id}/approvals"), () => HttpResponse.json([])),
  );
}

describe("review player", () => {
  it("clicking a note seeks to its frame, shows its timecode and its drawing", async () => {
    useProductionHandlers("producer");
    useReviewHandlers();
    const { user } = renderApp("/review/5");
    const current = await screen.findByLabelText("Current frame");
    expect(current).toHaveTextContent("1001");
    expect(screen.getByLabelText("Timecode")).toHaveTextContent("00:00:41:17");
    const video = document.querySelector("video");
    expect(video).not.toBeNull();

    await user.click(screen.getByRole("button", { name: /Note at frame 1012/ }));
    expect(current).toHaveTextContent("1012");
    expect(screen.getByLabelText("Timecode")).toHaveTextContent("00:00:42:04");
    // seek to the middle of media frame 11: (11 + ½) / 24 s
    expect(video?.currentTime).toBeCloseTo(11.5 / 24, 9);
    const drawing = screen.getByRole("img", { name: "Drawings" });
    await waitFor(() => expect(drawing.querySelector("rect")).not.toBeNull());
    expect(drawing.getAttribute("viewBox")).toBe("0 0 1920 1080");
    expect(screen.getByRole("button", { name: "Marker: note at frame 1012" })).toBeInTheDocument();
    expect(screen.getAllByText("@Maya Chen").length).toBeGreaterThan(0);

    await user.keyboard("{ArrowRight}");
    expect(current).toHaveTextContent("1013");
    expect(video?.currentTime).toBeCloseTo(12.5 / 24, 9);
  });

  it("saves a note on the current frame (no drawing: annotation null)", async () => {
    useProductionHandlers("producer");
    useReviewHandlers();
    let sent: unknown = null;
    server.use(
      http.post(apiPath("/api/v1/versions/{target_id}/notes"), async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(createFakeNote({ id: 40, frame_in: 1003 }), { status: 201 });
      }),
    );
    const { user } = renderApp("/review/5?frame=1003");
    expect(await screen.findByLabelText("Current frame")).toHaveTextContent("1003");
    await user.type(screen.getByLabelText("Note on frame 1003"), "Too dark");
    await user.click(screen.getByRole("button", { name: "Save note at 1003" }));
    await waitFor(() => expect(sent).not.toBeNull());
    expect(sent).toMatchObject({ body: "Too dark", frame_in: 1003, annotation: null, visibility: "internal" });
  });

  it("approve calls the API and updates the status; a 403 shows the server's message", async () => {
    useProductionHandlers("producer");
    useReviewHandlers();
    const calls: string[] = [];
    server.use(
      http.post(apiPath("/api/v1/versions/{version_id}/approve"), async ({ request }) => {
        calls.push(JSON.stringify(await request.json()));
        const version = createFakeVersion({ status: "approved" });
        server.use(
          http.get(apiPath("/api/v1/versions/{version_id}/player"), () => HttpResponse.json(createFakePlayer({ version }))),
        );
        return HttpResponse.json({
          approval: { id: 1, project_id: 1, version_id: 5, task_id: 7, decision: "approved", stage: "internal", account_id: 2, guest_name: null, note_id: null, created_at: "2025-03-03T11:00:00Z" },
          version,
          task_status_id: 105,
        });
      }),
      http.post(apiPath("/api/v1/versions/{version_id}/request-changes"), () =>
        errorResponse(403, { code: "permission_denied", message: "Only supervisors of this project decide." }),
      ),
    );
    const { user } = renderApp("/review/5");
    const decision = await screen.findByRole("region", { name: "Decision" });
    await user.type(within(decision).getByLabelText("Decision note (optional)"), "lovely");
    await user.click(within(decision).getByRole("button", { name: "Approve" }));
    expect(await within(decision).findByText("Approved.")).toBeInTheDocument();
    expect(calls).toEqual([JSON.stringify({ note: "lovely" })]);
    await waitFor(() => expect(within(decision).getByText("Approved")).toBeInTheDocument());

    await user.click(within(decision).getByRole("button", { name: "Request changes" }));
    expect(await within(decision).findByRole("alert")).toHaveTextContent("Only supervisors of this project decide.");
  });

  it("artists get no decision buttons", async () => {
    useProductionHandlers("artist");
    useReviewHandlers();
    renderApp("/review/5");
    const decision = await screen.findByRole("region", { name: "Decision" });
    expect(within(decision).queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(within(decision).getByText(/Supervisors approve/)).toBeInTheDocument();
  });
});
