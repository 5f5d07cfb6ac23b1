import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { components } from "@/api/generated/schema";
import { browserOf, downloadsText, expiryOf } from "@/features/review-links/format";
import { createFakeProject } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";
import { createFakeReviewSession } from "@/test/share";

type S = components["schemas"];
const TOKEN = "tok_NEWabcdefghijklmnopqrstuvwxyz0123456789ABCD";
const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

/** The project's links as the server holds them; handlers read and change this list. */
function useLinks(rows: S["ReviewSessionRead"][]) {
  const links = [...rows];
  server.use(
    http.get(apiPath("/api/v1/projects/{project_id}/review-sessions"), () => HttpResponse.json(links)),
    http.get(apiPath("/api/v1/projects/{project_id}/review-sessions/defaults"), () =>
      HttpResponse.json({ name: "Northwind — client review", expires_at: "2099-03-17T09:00:00Z", max_expires_at: "2099-06-01T09:00:00Z", active_sessions: [] }),
    ),
  );
  return links;
}

const ACTIVE = createFakeReviewSession({ id: 12, name: "Harbour dailies", has_password: true, allow_downloads: true, downloads: 2, download_limit: 5, version_ids: [5, 6, 7], expires_at: "2099-03-17T09:00:00Z" });
const EXPIRED = createFakeReviewSession({ id: 11, name: "January edit", state: "expired", expires_at: "2025-01-20T09:00:00Z" });
const REVOKED = createFakeReviewSession({ id: 10, name: "Wrong cut", state: "revoked", revoked_at: "2025-01-05T09:00:00Z" });

beforeEach(() => {
  vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => "blob:qr", revokeObjectURL: () => undefined }));
});
afterEach(() => vi.unstubAllGlobals());

describe("review links", () => {
  it("lists the active links with their settings; the toggle shows expired and revoked ones too", async () => {
    useProductionHandlers("producer");
    useLinks([ACTIVE, EXPIRED, REVOKED]);
    const { user } = renderApp("/projects/1/review-links");

    const row = await screen.findByRole("row", { name: "Harbour dailies" });
    const cells = within(row).getAllByRole("cell").map((c) => c.textContent);
    expect(cells.slice(1, 7)).toEqual(["active", new Date("2099-03-17T09:00:00Z").toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }), "Yes", "2 / 5", "3", expect.any(String)]);
    expect(screen.queryByRole("row", { name: "January edit" })).not.toBeInTheDocument();
    expect(screen.queryByRole("row", { name: "Wrong cut" })).not.toBeInTheDocument();

    await user.click(screen.getByLabelText("Show expired and revoked (2)"));
    const expired = screen.getByRole("row", { name: "January edit" });
    expect(within(expired).getByText("expired")).toBeInTheDocument();
    expect(within(expired).getByText("off")).toBeInTheDocument();
    const revoked = screen.getByRole("row", { name: "Wrong cut" });
    expect(within(revoked).getByText(/^revoked /)).toBeInTheDocument();
    // a revoked link can only show its log
    expect(within(revoked).getAllByRole("button").map((b) => b.textContent)).toEqual(["Access log"]);
    expect(within(expired).getAllByRole("button").map((b) => b.textContent)).toEqual(["Edit", "Regenerate", "Revoke", "Access log"]);
  });

  it("tells a producer how links are made when there are none", async () => {
    useProductionHandlers("producer");
    useLinks([]);
    renderApp("/projects/1/review-links");
    expect(await screen.findByText("No review links yet")).toBeInTheDocument();
    expect(screen.getByText(/click\s+Share With Client/)).toBeInTheDocument();
  });

  it("is a project tab for producers, not for artists", async () => {
    useProductionHandlers("artist");
    useLinks([]);
    renderApp("/projects/1/review-links");
    expect(await screen.findByText("Supervisors, producers and admins only")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Review links" })).not.toBeInTheDocument();
  });

  it("edits a link: the server's field error shows at the field, then only the changes are sent", async () => {
    useProductionHandlers("producer");
    const links = useLinks([ACTIVE]);
    const bodies: unknown[] = [];
    server.use(
      http.patch(apiPath("/api/v1/review-sessions/{review_session_id}"), async ({ request }) => {
        const body = (await request.json()) as S["ReviewSessionUpdate"];
        bodies.push(body);
        if (body.download_limit === 0) return errorResponse(422, { code: "validation_failed", message: "Some fields are not valid.", fields: { download_limit: "Input should be greater than or equal to 1" } });
        links[0] = { ...ACTIVE, name: body.name ?? ACTIVE.name, has_password: body.password !== null, download_limit: body.download_limit ?? null };
        return HttpResponse.json(links[0]);
      }),
    );
    const { user } = renderApp("/projects/1/review-links");
    const row = await screen.findByRole("row", { name: "Harbour dailies" });
    await user.click(within(row).getByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit review link" });
    expect(within(dialog).getByLabelText("Name")).toHaveValue("Harbour dailies");
    expect(within(dialog).getByLabelText("Download limit (empty: no limit)")).toHaveValue(5);

    await user.clear(within(dialog).getByLabelText("Download limit (empty: no limit)"));
    await user.type(within(dialog).getByLabelText("Download limit (empty: no limit)"), "0");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    const limit = within(dialog).getByLabelText("Download limit (empty: no limit)");
    await waitFor(() => expect(limit).toHaveAttribute("aria-invalid", "true"));
    expect(limit).toHaveAccessibleDescription("Input should be greater than or equal to 1");
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Not saved: check the fields marked above.");

    await user.clear(within(dialog).getByLabelText("Name"));
    await user.type(within(dialog).getByLabelText("Name"), "Harbour dailies v2");
    await user.clear(limit);
    await user.click(within(dialog).getByLabelText("Remove the password"));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(bodies).toEqual([{ download_limit: 0 }, { name: "Harbour dailies v2", password: null, download_limit: null }]);
    expect(screen.getByRole("status")).toHaveTextContent("Saved “Harbour dailies v2”.");
    const saved = await screen.findByRole("row", { name: "Harbour dailies v2" });
    expect(within(saved).getByText("2 (no limit)")).toBeInTheDocument();
  });

  it("revokes a link after confirming; it leaves the active list", async () => {
    useProductionHandlers("producer");
    const links = useLinks([ACTIVE]);
    const revoked: string[] = [];
    server.use(
      http.post(apiPath("/api/v1/review-sessions/{review_session_id}/revoke"), ({ params }) => {
        revoked.push(String(params.review_session_id));
        links[0] = { ...ACTIVE, state: "revoked", revoked_at: "2025-03-04T09:00:00Z" };
        return HttpResponse.json(links[0]);
      }),
    );
    const { user } = renderApp("/projects/1/review-links");
    const row = await screen.findByRole("row", { name: "Harbour dailies" });
    await user.click(within(row).getByRole("button", { name: "Revoke" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke this link?" });
    expect(dialog).toHaveTextContent("stops working at once");
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Revoked “Harbour dailies”.");
    expect(revoked).toEqual(["12"]);
    expect(await screen.findByText("No active review links")).toBeInTheDocument();
    await user.click(screen.getByLabelText("Show expired and revoked (1)"));
    expect(within(screen.getByRole("row", { name: "Harbour dailies" })).getByText("revoked")).toBeInTheDocument();
  });

  it("regenerates a link after confirming and shows the new URL once, with its QR code", async () => {
    useProductionHandlers("producer");
    useLinks([ACTIVE]);
    const qrTokens: unknown[] = [];
    server.use(
      http.post(apiPath("/api/v1/review-sessions/{review_session_id}/regenerate"), () =>
        HttpResponse.json({ ...ACTIVE, token: TOKEN, url: `https://studio.example/share/${TOKEN}`, embed_html: "<iframe></iframe>", emailed: null }),
      ),
      http.post(apiPath("/api/v1/review-sessions/{review_session_id}/qr.svg"), async ({ request }) => {
        qrTokens.push(((await request.json()) as { token: string }).token);
        return new HttpResponse("<svg/>", { headers: { "Content-Type": "image/svg+xml" } });
      }),
    );
    const { user } = renderApp("/projects/1/review-links");
    const row = await screen.findByRole("row", { name: "Harbour dailies" });
    await user.click(within(row).getByRole("button", { name: "Regenerate" }));
    const confirm = await screen.findByRole("dialog", { name: "Give this link a new URL?" });
    await user.click(within(confirm).getByRole("button", { name: "Regenerate" }));

    const created = await screen.findByRole("dialog", { name: "New review link" });
    expect(within(created).getByLabelText("Review link")).toHaveValue(`https://studio.example/share/${TOKEN}`);
    expect(within(created).getByText(/shows it only this once \(send the password separately\)/)).toBeInTheDocument();
    expect(await within(created).findByRole("img", { name: "QR code of the review link" })).toHaveAttribute("src", "blob:qr");
    expect(qrTokens).toEqual([TOKEN]);
    await user.click(within(created).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("shows a link's access log, newest first, in words", async () => {
    useProductionHandlers("producer");
    useLinks([ACTIVE]);
    const log: S["AccessRead"][] = [
      { id: 3, kind: "played", version_id: 5, version_label: "SH010 COMP v004", viewer_name: "Dana Client", ip: "203.0.113.9", user_agent: CHROME_MAC, created_at: "2025-03-03T10:02:00Z" },
      { id: 2, kind: "unlocked", version_id: null, viewer_name: "Dana Client", ip: "203.0.113.9", user_agent: CHROME_MAC, created_at: "2025-03-03T10:01:00Z" },
      { id: 1, kind: "opened", version_id: null, viewer_name: null, ip: "203.0.113.9", user_agent: "python-httpx/0.28.1", created_at: "2025-03-03T10:00:00Z" },
    ];
    server.use(http.get(apiPath("/api/v1/review-sessions/{review_session_id}/access-log"), () => HttpResponse.json(log)));
    const { user } = renderApp("/projects/1/review-links");
    const row = await screen.findByRole("row", { name: "Harbour dailies" });
    await user.click(within(row).getByRole("button", { name: "Access log" }));
    const panel = await screen.findByRole("region", { name: "Access log of Harbour dailies" });
    await within(panel).findByText("Played");
    const rows = within(panel)
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell").slice(1).map((c) => c.textContent));
    expect(rows).toEqual([
      ["Played", "Dana Client", "203.0.113.9", "Chrome 120 on macOS", "SH010 COMP v004"],
      ["Unlocked (gave a name)", "Dana Client", "203.0.113.9", "Chrome 120 on macOS", "—"],
      ["Opened the link", "—", "203.0.113.9", "python-httpx/0.28.1", "—"],
    ]);
    await user.click(within(panel).getByRole("button", { name: "Close the access log" }));
    expect(screen.queryByRole("region", { name: /Access log/ })).not.toBeInTheDocument();
  });
});

describe("burn the viewer's name into downloads", () => {
  it("a producer turns it on: PATCH of the project setting with If-Match", async () => {
    useProductionHandlers("producer");
    useLinks([ACTIVE]);
    let project = createFakeProject({ id: 1, code: "NWD", name: "Northwind", row_version: 4, settings: { burn_in_watermark: false } });
    const sent: { body: unknown; ifMatch: string | null }[] = [];
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}"), () => HttpResponse.json(project)),
      http.patch(apiPath("/api/v1/projects/{project_id}"), async ({ request }) => {
        sent.push({ body: await request.json(), ifMatch: request.headers.get("if-match") });
        project = { ...project, row_version: 5, settings: { burn_in_watermark: true } };
        return HttpResponse.json(project);
      }),
    );
    const { user } = renderApp("/projects/1/review-links");
    const box = await screen.findByLabelText("Burn the viewer's name into downloads");
    expect(box).not.toBeChecked();
    await user.click(box);
    await waitFor(() => expect(box).toBeChecked());
    expect(sent).toEqual([{ body: { settings: { burn_in_watermark: true } }, ifMatch: '"4"' }]);
  });

  it("shows the server's refusal", async () => {
    useProductionHandlers("producer");
    useLinks([ACTIVE]);
    server.use(
      http.patch(apiPath("/api/v1/projects/{project_id}"), () => errorResponse(403, { code: "permission_denied", message: "You may not change this project." })),
    );
    const { user } = renderApp("/projects/1/review-links");
    await user.click(await screen.findByLabelText("Burn the viewer's name into downloads"));
    expect(await screen.findByRole("alert")).toHaveTextContent("You may not change this project.");
    expect(screen.getByLabelText("Burn the viewer's name into downloads")).not.toBeChecked();
  });
});

describe("format", () => {
  it("names browsers and download counts", () => {
    expect(browserOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")).toBe("Safari 17 on iOS");
    expect(browserOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0")).toBe("Firefox 121 on Windows");
    expect(browserOf(null)).toBe("—");
    expect(downloadsText({ allow_downloads: false, downloads: 0, download_limit: 3 })).toBe("off");
  });

  it("keeps the last allowed day within the latest allowed expiry", () => {
    const max = new Date(2099, 5, 1, 9, 30).toISOString();
    expect(expiryOf("2099-06-01", max)).toBe(max);
    expect(expiryOf("2099-05-31", max)).toBe(new Date(2099, 4, 31, 23, 59).toISOString());
    expect(expiryOf("2099-06-05", max)).toBe(new Date(2099, 5, 5, 23, 59).toISOString());
  });
});
