import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { authKeys } from "@/api/auth";
import { createQueryClient } from "@/app/query-client";
import { VersionsList } from "@/features/review-player";
import { TaskShareMenu } from "@/features/share";
import { expiryFor, parseRecipients } from "@/features/share/format";
import { createFakeAccount, createFakeTask } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { createFakePlayer, createFakeVersion } from "@/test/review";
import { apiPath, errorResponse, server } from "@/test/server";
import { createFakeClientItem, createFakeClientPlayer, createFakeReviewSession, createFakeShareResult } from "@/test/share";

const TOKEN = "tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

function useReviewScreen() {
  const player = createFakePlayer();
  server.use(
    http.get(apiPath("/api/v1/versions/{version_id}/player"), () => HttpResponse.json(player)),
    http.get(apiPath("/api/v1/versions/{target_id}/notes"), () => HttpResponse.json([])),
    http.get(apiPath("/api/v1/tasks/{task_id}"), () => HttpResponse.json(createFakeTask({ id: 7, title: "Comp" }))),
    http.get(apiPath("/api/v1/tasks/{task_id}/versions"), () => HttpResponse.json([player.version])),
    http.get(apiPath("/api/v1/tasks/{task_id}/approvals"), () => HttpResponse.json([])),
  );
}

beforeEach(() => {
  sessionStorage.clear();
  vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => "blob:qr", revokeObjectURL: () => undefined }));
});
afterEach(() => vi.unstubAllGlobals());

describe("Share With Client", () => {
  it("one click when the project has a live link: shared, no dialog", async () => {
    useProductionHandlers("producer");
    useReviewScreen();
    const bodies: unknown[] = [];
    server.use(
      http.post(apiPath("/api/v1/versions/{version_id}/share"), async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(createFakeShareResult());
      }),
    );
    const { user } = renderApp("/review/5");
    const decision = await screen.findByRole("region", { name: "Decision" });
    await user.click(within(decision).getByRole("button", { name: "Share With Client" }));
    expect(await within(decision).findByRole("status")).toHaveTextContent("Shared v001 with the client (Northwind — client review 2025-03-03).");
    expect(bodies).toEqual([{}]);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("without a live link: the dialog creates one with password and e-mail, then shows the link once", async () => {
    useProductionHandlers("producer");
    useReviewScreen();
    const bodies: Record<string, unknown>[] = [];
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/review-sessions/defaults"), () =>
        HttpResponse.json({ name: "Northwind — client review", expires_at: "2099-03-17T09:00:00Z", max_expires_at: "2099-06-01T09:00:00Z", active_sessions: [] }),
      ),
      http.post(apiPath("/api/v1/versions/{version_id}/share"), async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        if (!body.create_session) {
          return errorResponse(409, { code: "needs_review_session", message: "No live link.", fields: { review_session_id: "none", create_session: "send it" } });
        }
        const created = { ...createFakeReviewSession({ has_password: true }), token: TOKEN, url: `https://studio.example/share/${TOKEN}`, embed_html: "<iframe></iframe>", emailed: { recipients: ["dana@client.example"], subject: "[Northwind] Ready" } };
        return HttpResponse.json(createFakeShareResult(created));
      }),
      http.post(apiPath("/api/v1/review-sessions/{review_session_id}/qr.svg"), () => new HttpResponse("<svg/>", { headers: { "Content-Type": "image/svg+xml" } })),
    );
    const { user } = renderApp("/review/5");
    const decision = await screen.findByRole("region", { name: "Decision" });
    await user.click(within(decision).getByRole("button", { name: "Share With Client" }));
    const dialog = await screen.findByRole("dialog", { name: "Create review link for client?" });
    expect(within(dialog).getByLabelText("Name")).toHaveValue("Northwind — client review");
    expect(within(dialog).getByLabelText("Expires")).toHaveValue("2099-03-17");
    await user.type(within(dialog).getByLabelText("Password (optional)"), "s3cret-pass");
    await user.click(within(dialog).getByLabelText("E-mail the link"));
    await user.type(within(dialog).getByLabelText("To"), "dana@client.example");
    await user.type(within(dialog).getByLabelText("Message (optional)"), "Here is v001");
    await user.click(within(dialog).getByRole("button", { name: "Create link and share" }));

    const created = await screen.findByRole("dialog", { name: "Review link created" });
    expect(within(created).getByLabelText("Review link")).toHaveValue(`https://studio.example/share/${TOKEN}`);
    expect(within(created).getByText(/shows it only this once \(send the password separately\)/)).toBeInTheDocument();
    expect(await within(created).findByRole("img", { name: "QR code of the review link" })).toHaveAttribute("src", "blob:qr");
    expect(within(created).getByRole("status")).toHaveTextContent("E-mailed to dana@client.example.");
    await user.click(within(created).getByText("Embed in a web page"));
    expect(within(created).getByLabelText("Embed code")).toHaveValue("<iframe></iframe>");
    const create = bodies[1]?.create_session as Record<string, unknown>;
    expect(create).toMatchObject({ name: "Northwind — client review", password: "s3cret-pass", allow_downloads: false, email: { to: ["dana@client.example"], message: "Here is v001" } });
    expect(String(create.expires_at)).toMatch(/^2099-03-1[78]T/);
    await user.click(within(created).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("shows the server's field errors in the dialog and creates nothing on the client side", async () => {
    useProductionHandlers("producer");
    useReviewScreen();
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/review-sessions/defaults"), () =>
        HttpResponse.json({ name: "N", expires_at: "2099-03-17T09:00:00Z", max_expires_at: "2099-06-01T09:00:00Z", active_sessions: [createFakeReviewSession({ id: 3, name: "Old link" })] }),
      ),
      http.post(apiPath("/api/v1/versions/{version_id}/share"), async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        if (body.review_session_id === 3) return HttpResponse.json(createFakeShareResult());
        if (!body.create_session) return errorResponse(409, { code: "needs_review_session", message: "No live link." });
        return errorResponse(502, { code: "email_failed", message: "The e-mail could not be sent: ConnectionRefusedError" });
      }),
    );
    const { user } = renderApp("/review/5");
    const decision = await screen.findByRole("region", { name: "Decision" });
    await user.click(within(decision).getByRole("button", { name: "Share With Client" }));
    const dialog = await screen.findByRole("dialog", { name: "Create review link for client?" });
    await user.click(within(dialog).getByLabelText("E-mail the link"));
    await user.type(within(dialog).getByLabelText("To"), "a@b.example");
    await user.click(within(dialog).getByRole("button", { name: "Create link and share" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The e-mail could not be sent: ConnectionRefusedError");
    // pick the existing link instead: shared into it, the dialog closes
    await user.click(within(dialog).getByLabelText("Existing link"));
    expect(within(dialog).getByLabelText("Review link")).toHaveDisplayValue(/Old link/);
    await user.click(within(dialog).getByRole("button", { name: "Share" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(decision).getByRole("status")).toHaveTextContent("Shared v001 with the client");
  });

  it("unshares a shared version", async () => {
    useProductionHandlers("producer");
    const player = createFakePlayer({ version: createFakeVersion({ is_client_visible: true, shared_at: "2025-03-03T09:30:00Z" }) });
    useReviewScreen();
    let unshared = false;
    server.use(
      http.get(apiPath("/api/v1/versions/{version_id}/player"), () => HttpResponse.json(player)),
      http.post(apiPath("/api/v1/versions/{version_id}/unshare"), () => {
        unshared = true;
        return HttpResponse.json(createFakeVersion());
      }),
    );
    const { user } = renderApp("/review/5");
    const decision = await screen.findByRole("region", { name: "Decision" });
    await user.click(await within(decision).findByRole("button", { name: "Unshare" }));
    expect(await within(decision).findByRole("status")).toHaveTextContent("v001 is no longer shared with the client.");
    expect(unshared).toBe(true);
  });
});

describe("kanban card share menu", () => {
  it("right-click on the card opens it; Share With Client shares the task's newest version", async () => {
    useProductionHandlers("producer");
    const shared: string[] = [];
    server.use(
      http.get(apiPath("/api/v1/tasks/{task_id}/versions"), () => HttpResponse.json([createFakeVersion({ id: 6, number: 2 }), createFakeVersion()])),
      http.post(apiPath("/api/v1/versions/{version_id}/share"), ({ params }) => {
        shared.push(String(params.version_id));
        return HttpResponse.json(createFakeShareResult());
      }),
    );
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={createQueryClient()}>
        <ul>
          <li data-task-id="7">
            SH010 Comp <TaskShareMenu taskId={7} label="SH010 COMP" />
          </li>
        </ul>
      </QueryClientProvider>,
    );
    await screen.findByRole("button", { name: "Share actions for SH010 COMP" });
    fireEvent.contextMenu(screen.getByText(/SH010 Comp/));
    const item = await screen.findByRole("menuitem", { name: "Share With Client" });
    expect(await screen.findByText("SH010 COMP v002")).toBeInTheDocument();
    await user.click(item);
    expect(await screen.findByRole("status")).toHaveTextContent("Shared SH010 COMP v002 with the client");
    expect(shared).toEqual(["6"]);
  });

  it("a version row's menu unshares that version", async () => {
    useProductionHandlers("producer");
    let unshared = "";
    server.use(
      http.post(apiPath("/api/v1/versions/{version_id}/unshare"), ({ params }) => {
        unshared = String(params.version_id);
        return HttpResponse.json(createFakeVersion());
      }),
    );
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={createQueryClient()}>
        <VersionsList versions={[createFakeVersion({ id: 8, number: 3, is_client_visible: true }), createFakeVersion()]} selectedId={8} onSelect={() => undefined} />
      </QueryClientProvider>,
    );
    const [trigger, older] = await screen.findAllByRole("button", { name: "Client sharing" });
    expect(trigger).toHaveAttribute("title", "Shared with the client");
    expect(older).toHaveAttribute("title", "Share");
    if (!trigger) throw new Error("no menu");
    await user.click(trigger);
    await user.click(await screen.findByRole("menuitem", { name: "Unshare" }));
    expect(await screen.findByRole("status")).toHaveTextContent("v003 is no longer shared with the client.");
    expect(unshared).toBe("8");
  });

  it("is not offered to artists", async () => {
    useProductionHandlers("artist");
    const client = createQueryClient();
    render(
      <QueryClientProvider client={client}>
        <TaskShareMenu taskId={7} label="SH010 COMP" />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(client.getQueryData(authKeys.me())).toMatchObject({ role: "artist" }));
    expect(screen.queryByRole("button", { name: /Share actions for/ })).not.toBeInTheDocument();
  });
});

describe("guest page", () => {
  function useLink(info: Partial<Record<string, unknown>> = {}) {
    const headers: (string | null)[] = [];
    server.use(
      http.get(apiPath("/api/v1/share/{token}"), () =>
        HttpResponse.json({ name: "Dailies", project_name: "Northwind", expires_at: "2099-03-17T09:00:00Z", password_required: true, email_required: false, allow_comments: true, allow_approvals: true, allow_downloads: false, ...info }),
      ),
      http.post(apiPath("/api/v1/share/{token}/unlock"), async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        if (body.password !== "right-password") return errorResponse(401, { code: "wrong_password", message: "Wrong password for this link." });
        return HttpResponse.json({ name: body.name, expires_at: "2099-03-03T17:00:00Z", guest_token: "guest-secret" });
      }),
      http.get(apiPath("/api/v1/share/{token}/versions"), ({ request }) => {
        headers.push(request.headers.get("X-Guest-Token"));
        return HttpResponse.json([createFakeClientItem()]);
      }),
      http.get(apiPath("/api/v1/share/{token}/versions/{version_id}/player"), ({ request }) => {
        headers.push(request.headers.get("X-Guest-Token"));
        return HttpResponse.json(createFakeClientPlayer());
      }),
    );
    return headers;
  }

  it("asks for name and password, then shows only the shared version with the watermark", async () => {
    const headers = useLink();
    const { user } = renderApp(`/share/${TOKEN}`);
    expect(await screen.findByRole("heading", { name: "Welcome to the review" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Your name"), "Dana Client");
    await user.type(screen.getByLabelText("Password"), "nope");
    await user.click(screen.getByRole("button", { name: "Start reviewing" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That password is not right.");
    await user.clear(screen.getByLabelText("Password"));
    await user.type(screen.getByLabelText("Password"), "right-password");
    await user.click(screen.getByRole("button", { name: "Start reviewing" }));
    expect(await screen.findByRole("region", { name: "Client player, SH010 COMP v001" })).toBeInTheDocument();
    expect(screen.getByTestId("watermark")).toHaveTextContent("Dana Client · 2025-03-03");
    expect(headers.every((h) => h === "guest-secret")).toBe(true);
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Kanban|Tasks|Projects|Dashboard/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Decision note/)).toBeInTheDocument();
  });

  it("a note (no drawing) at the current frame and a change request are sent with the guest token", async () => {
    useLink({ password_required: false });
    sessionStorage.setItem(`shotline.guest.${TOKEN.slice(0, 16)}`, "guest-secret");
    const sent: { path: string; body: unknown; guest: string | null }[] = [];
    const record = async ({ request }: { request: Request }) => {
      sent.push({ path: new URL(request.url).pathname, body: await request.json(), guest: request.headers.get("X-Guest-Token") });
    };
    server.use(
      http.post(apiPath("/api/v1/share/{token}/versions/{version_id}/notes"), async (info) => {
        await record(info);
        return HttpResponse.json({ id: 50, version_id: 5, parent_id: null, author_id: null, guest_name: "Dana", body: "x", frame_in: 1001, frame_out: null, annotation: null, created_at: "2025-03-03T10:00:00Z", replies: [] }, { status: 201 });
      }),
      http.post(apiPath("/api/v1/share/{token}/versions/{version_id}/request-changes"), async (info) => {
        await record(info);
        return HttpResponse.json({ decision: { id: 1, decision: "changes_requested", by: "Dana", created_at: "2025-03-03T10:00:00Z" }, version: createFakeClientItem() });
      }),
    );
    const { user } = renderApp(`/share/${TOKEN}`);
    await user.type(await screen.findByLabelText("Note on frame 1001"), "Sky too bright");
    await user.click(screen.getByRole("button", { name: "Save note at 1001" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    await user.type(screen.getByLabelText("Decision note (optional)"), "Please fix");
    await user.click(screen.getByRole("button", { name: "Request changes" }));
    expect(await screen.findByText("Changes requested. The studio has been told.")).toHaveAttribute("role", "status");
    expect(sent).toEqual([
      { path: `/api/v1/share/${TOKEN}/versions/5/notes`, body: { body: "Sky too bright", frame_in: 1001, annotation: null }, guest: "guest-secret" },
      { path: `/api/v1/share/${TOKEN}/versions/5/request-changes`, body: { note: "Please fix" }, guest: "guest-secret" },
    ]);
  });

  it("a view-only link offers no drawing, notes or decisions, and downloads when allowed", async () => {
    useLink({ password_required: false });
    sessionStorage.setItem(`shotline.guest.${TOKEN.slice(0, 16)}`, "guest-secret");
    server.use(
      http.get(apiPath("/api/v1/share/{token}/versions/{version_id}/player"), () =>
        HttpResponse.json(createFakeClientPlayer({ can_comment: false, can_approve: false, can_download: true })),
      ),
    );
    renderApp(`/share/${TOKEN}`);
    expect(await screen.findByRole("button", { name: "Download" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Rectangle" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Note on frame/)).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.getByText("This link is for viewing.")).toBeInTheDocument();
  });

  it("a watermarked download says it is being prepared, polls without counting again, and shows why it failed", async () => {
    useLink({ password_required: false });
    sessionStorage.setItem(`shotline.guest.${TOKEN.slice(0, 16)}`, "guest-secret");
    const asked: string[] = [];
    server.use(
      http.get(apiPath("/api/v1/share/{token}/versions/{version_id}/player"), () =>
        HttpResponse.json(createFakeClientPlayer({ can_download: true, download_watermarked: true })),
      ),
      http.get(apiPath("/api/v1/share/{token}/versions/{version_id}/download"), ({ request }) => {
        asked.push(`download ${request.headers.get("X-Guest-Token") ?? ""}`);
        return HttpResponse.json({ state: "queued", url: null, expires_at: null, downloads_left: 2, watermarked: true, download_id: 31, status_url: `/api/v1/share/${TOKEN}/downloads/31`, reason: null });
      }),
      http.get(apiPath("/api/v1/share/{token}/downloads/{download_id}"), ({ params }) => {
        asked.push(`poll ${String(params.download_id)}`);
        return HttpResponse.json({ state: "failed", url: null, expires_at: null, downloads_left: 2, watermarked: true, download_id: 31, status_url: null, reason: "the movie is damaged: it could not be decoded to the end" });
      }),
    );
    const { user } = renderApp(`/share/${TOKEN}`);
    const button = await screen.findByRole("button", { name: "Download" });
    expect(button).toHaveAttribute("title", expect.stringContaining("burned into the downloaded picture"));
    await user.click(button);
    expect(await screen.findByText("Preparing your copy with your name on it…")).toHaveAttribute("role", "status");
    expect(await screen.findByRole("alert", {}, { timeout: 4000 })).toHaveTextContent("the movie is damaged");
    expect(asked).toEqual(["download guest-secret", "poll 31"]);
  });

  it("an expired or revoked link says so clearly", async () => {
    server.use(http.get(apiPath("/api/v1/share/{token}"), () => errorResponse(404, { code: "not_found", message: "Not found." })));
    renderApp(`/share/${TOKEN}`);
    expect(await screen.findByRole("heading", { name: "This review link is no longer available" })).toBeInTheDocument();
    expect(screen.getByText(/expired or was revoked/)).toBeInTheDocument();
    expect(screen.queryByLabelText("Your name")).not.toBeInTheDocument();
  });
});

describe("client portal", () => {
  it("a client account sees its shared versions and no internal navigation", async () => {
    server.use(
      http.get(apiPath("/api/v1/me"), () => HttpResponse.json(createFakeAccount({ id: 9, name: "Jordan Lee", role: "client" }))),
      http.get(apiPath("/api/v1/portal/projects"), () => HttpResponse.json([{ id: 1, code: "NWD", name: "Northwind" }])),
      http.get(apiPath("/api/v1/portal/projects/{project_id}/versions"), ({ request }) =>
        HttpResponse.json(new URL(request.url).searchParams.get("all") === "true" ? [createFakeClientItem(), createFakeClientItem({ id: 4, number: 0, label: "SH010 COMP v000", latest: false })] : [createFakeClientItem()]),
      ),
      http.get(apiPath("/api/v1/portal/versions/{version_id}/player"), () => HttpResponse.json(createFakeClientPlayer({ watermark: "Jordan Lee · 2025-03-03" }))),
    );
    const { user } = renderApp("/projects/1/kanban");
    expect(await screen.findByRole("heading", { name: "Shared for your review" })).toBeInTheDocument();
    expect(await screen.findByTestId("watermark")).toHaveTextContent("Jordan Lee");
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
    expect(document.querySelector("[data-category]")).toBeNull();
    const shared = screen.getByRole("navigation", { name: "Shared versions" });
    expect(within(shared).queryByText("SH010 COMP v000")).not.toBeInTheDocument();
    await user.click(screen.getByLabelText("Show older shared versions"));
    expect(await within(shared).findByText("SH010 COMP v000")).toBeInTheDocument();
  });
});

describe("helpers", () => {
  it("parses recipients and clamps the expiry to the maximum", () => {
    expect(parseRecipients(" a@x.example, b@y.example;c@z.example \n")).toEqual(["a@x.example", "b@y.example", "c@z.example"]);
    expect(expiryFor("2099-12-31", "2099-06-01T09:00:00Z")).toBe("2099-06-01T09:00:00.000Z");
    expect(new Date(expiryFor("2099-03-17", "2099-06-01T09:00:00Z")).getDate()).toBe(17);
  });
});
