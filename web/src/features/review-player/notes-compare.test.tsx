import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { createFakeNote, createFakePlayer, createFakeVersion } from "@/test/review";
import { apiPath, errorResponse, server } from "@/test/server";
import { createFakeTask } from "@/test/factories";

// the supervisor (3) wrote the note; the signed-in artist (2) replied to it
const thread = () => [
  createFakeNote({
    id: 31,
    author_id: 3,
    body: "Edge too hard",
    replies: [createFakeNote({ id: 32, author_id: 2, parent_id: 31, body: "On it", frame_in: null, annotation: null, row_version: 3 })],
  }),
];

function useHandlers(versions = [createFakeVersion()]) {
  const notes = thread();
  const players = new Map(versions.map((v) => [v.id, createFakePlayer({ version: v, media_id: v.id + 100, proxy_url: `/media/${String(v.id)}.mp4` })]));
  server.use(
    http.get(apiPath("/api/v1/versions/{version_id}/player"), ({ params }) => HttpResponse.json({ ...players.get(Number(params.version_id)), notes })),
    http.get(apiPath("/api/v1/versions/{target_id}/notes"), () => HttpResponse.json(notes)),
    http.get(apiPath("/api/v1/tasks/{task_id}"), () => HttpResponse.json(createFakeTask({ id: 7, title: "Comp" }))),
    http.get(apiPath("/api/v1/tasks/{task_id}/versions"), () => HttpResponse.json(versions)),
    http.get(apiPath("/api/v1/tasks/{task_id}/approvals"), () => HttpResponse.json([])),
  );
}

describe("note threads", { timeout: 20_000 }, () => {
  it("anyone replies to a note (parent_id); only the author sees Edit", async () => {
    useProductionHandlers("artist");
    useHandlers();
    let sent: unknown = null;
    server.use(
      http.post(apiPath("/api/v1/versions/{target_id}/notes"), async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(createFakeNote({ id: 40, parent_id: 31 }), { status: 201 });
      }),
    );
    const { user } = renderApp("/review/5");
    const first = (await screen.findByText("Edge too hard")).closest("li");
    expect(first).not.toBeNull();
    const own = screen.getByText("On it").closest("li");
    // the supervisor's note: reply, but no edit or delete for an artist
    const firstActions = within(first as HTMLElement).getAllByRole("button", { name: /Reply|Edit|Delete/ }).filter((b) => b.closest("li") === first);
    expect(firstActions.map((b) => b.textContent)).toEqual(["Reply"]);
    expect(within(own as HTMLElement).getByRole("button", { name: "Edit note" })).toBeInTheDocument();
    expect(within(own as HTMLElement).getByText("(edited)")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Reply to Marco Rossi" }));
    await user.type(screen.getByLabelText("Your reply to Marco Rossi"), "Fixed in v002");
    await user.click(screen.getByRole("button", { name: "Send reply" }));
    await waitFor(() => expect(sent).toMatchObject({ body: "Fixed in v002", parent_id: 31, visibility: "internal" }));
    await waitFor(() => expect(screen.queryByLabelText("Your reply to Marco Rossi")).not.toBeInTheDocument());
  });

  it("the author edits with If-Match; a 412 says someone changed it and keeps the text", async () => {
    useProductionHandlers("artist");
    useHandlers();
    const calls: { ifMatch: string | null; body: unknown }[] = [];
    server.use(
      http.patch(apiPath("/api/v1/notes/{note_id}"), async ({ request }) => {
        calls.push({ ifMatch: request.headers.get("if-match"), body: await request.json() });
        return calls.length === 1
          ? errorResponse(412, { code: "precondition_failed", message: "The note changed." })
          : HttpResponse.json(createFakeNote({ id: 32, body: "On it, v002 tonight", row_version: 4 }));
      }),
    );
    const { user } = renderApp("/review/5");
    await user.click(await screen.findByRole("button", { name: "Edit note" }));
    const box = screen.getByLabelText("Edit note text");
    expect(box).toHaveValue("On it");
    await user.type(box, ", v002 tonight");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/Someone changed this note/);
    expect(screen.getByLabelText("Edit note text")).toHaveValue("On it, v002 tonight");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByLabelText("Edit note text")).not.toBeInTheDocument());
    expect(calls).toEqual([
      { ifMatch: '"3"', body: { body: "On it, v002 tonight" } },
      { ifMatch: '"3"', body: { body: "On it, v002 tonight" } },
    ]);
  });
});

describe("compare", { timeout: 20_000 }, () => {
  it("wipes against the previous version by default, locked to the current frame", async () => {
    useProductionHandlers("producer");
    const v1 = createFakeVersion({ id: 4, number: 1 });
    const v2 = createFakeVersion({ id: 5, number: 2 });
    useHandlers([v2, v1]);
    const { user } = renderApp("/review/5?frame=1010");
    expect(await screen.findByLabelText("Current frame")).toHaveTextContent("1010");
    expect(screen.queryByRole("slider", { name: "Wipe divider" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Wipe" }));
    expect(screen.getByLabelText("Compare with")).toHaveValue("4");
    const other = await screen.findByLabelText("Compared version media, v001");
    expect(other).toHaveAttribute("data-frame", "1010");
    expect((other as HTMLVideoElement).currentTime).toBeCloseTo(9.5 / 24, 9);
    const divider = screen.getByRole("slider", { name: "Wipe divider" });
    expect(divider).toHaveAttribute("aria-valuenow", "50");

    await user.click(screen.getByRole("button", { name: "Next frame" }));
    expect(other).toHaveAttribute("data-frame", "1011");
    expect((other as HTMLVideoElement).currentTime).toBeCloseTo(10.5 / 24, 9);

    divider.focus();
    await user.keyboard("{ArrowLeft}");
    expect(divider).toHaveAttribute("aria-valuenow", "45");
    expect(screen.getByLabelText("Current frame")).toHaveTextContent("1011"); // the divider took the key

    await user.click(screen.getByRole("button", { name: "Side by side" }));
    expect(screen.queryByRole("slider", { name: "Wipe divider" })).not.toBeInTheDocument();
    expect(screen.getByLabelText("Compared version media, v001")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Side by side" }));
    expect(screen.queryByLabelText("Compared version media, v001")).not.toBeInTheDocument();
  });

  it("zoom buttons and keys change the zoom; Fit returns", async () => {
    useProductionHandlers("producer");
    useHandlers();
    const { user } = renderApp("/review/5");
    const level = await screen.findByLabelText("Zoom level");
    const before = level.textContent;
    await user.click(screen.getByRole("button", { name: "Zoom in" }));
    expect(level.textContent).not.toBe(before);
    await user.click(screen.getByRole("button", { name: "Fit" }));
    expect(level.textContent).toBe(before);
    screen.getByRole("region", { name: /Review player/ }).focus();
    await user.keyboard("+");
    expect(level.textContent).not.toBe(before);
    await user.keyboard("f");
    expect(level.textContent).toBe(before);
  });

  it("space + drag pans without playing; space alone plays", async () => {
    useProductionHandlers("producer");
    useHandlers();
    const play = vi.spyOn(HTMLMediaElement.prototype, "play").mockResolvedValue(undefined);
    const { user } = renderApp("/review/5");
    await screen.findByLabelText("Current frame");
    const pane = document.querySelector<HTMLElement>("[data-pane=primary]");
    const picture = pane?.firstElementChild;
    if (!pane || !(picture instanceof HTMLElement)) throw new Error("no picture pane");
    const left = picture.style.left;
    const region = screen.getByRole("region", { name: /Review player/ });
    region.focus();
    fireEvent.keyDown(region, { key: " " });
    fireEvent.pointerDown(pane, { button: 0, clientX: 100, clientY: 100, pointerId: 1 });
    fireEvent.pointerMove(pane, { clientX: 160, clientY: 120, pointerId: 1 });
    fireEvent.pointerUp(pane, { clientX: 160, clientY: 120, pointerId: 1 });
    fireEvent.keyUp(region, { key: " " });
    expect(picture.style.left).not.toBe(left);
    expect(play).not.toHaveBeenCalled();
    await user.keyboard(" ");
    expect(play).toHaveBeenCalledTimes(1);
    play.mockRestore();
  });
});
