import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeImportJob, createFakeRowPreview } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

describe("import wizard", () => {
  it("uploads, maps columns, previews rows by action, commits and offers undo", async () => {
    useProductionHandlers("producer");
    const job = createFakeImportJob({ id: 9 });
    let uploaded: FormData | null = null;
    let mapping: unknown = null;
    const previewCalls: URLSearchParams[] = [];
    let committed: unknown = null;
    let undone: string | null = null;
    const rows = [
      createFakeRowPreview({ row: 2, action: "new", changes: { code: [null, "SQ010_0010"] } }),
      createFakeRowPreview({ row: 3, action: "update", id: 5, changes: { frame_in: [1001, 1009] } }),
      createFakeRowPreview({ row: 4, action: "error", changes: {}, errors: { "Frame In": "not a number: 'abc'" } }),
    ];
    server.use(
      http.post(apiPath("/api/v1/projects/{project_id}/imports"), async ({ request }) => {
        uploaded = await request.formData();
        return HttpResponse.json(job, { status: 201 });
      }),
      http.put(apiPath("/api/v1/imports/{job_id}/mapping"), async ({ request }) => {
        mapping = await request.json();
        return HttpResponse.json({ ...job, state: "mapped" });
      }),
      http.post(apiPath("/api/v1/imports/{job_id}/preview"), ({ request }) => {
        const q = new URL(request.url).searchParams;
        previewCalls.push(q);
        const action = q.get("action");
        const picked = action ? rows.filter((r) => r.action === action) : rows;
        return HttpResponse.json({
          job, summary: { new: 1, update: 1, unchanged: 0, error: 1 }, ignored_columns: ["Notes"],
          rows: picked, total: picked.length, page: 1, limit: Number(q.get("limit")),
        });
      }),
      http.post(apiPath("/api/v1/imports/{job_id}/commit"), async ({ request }) => {
        committed = await request.json();
        return HttpResponse.json({ batch_id: "b-123", created: 1, updated: 0, unchanged: 0, skipped: 2 });
      }),
      http.post(apiPath("/api/v1/history/batches/{batch_id}/undo"), ({ params }) => {
        undone = String(params.batch_id);
        return HttpResponse.json({ batch_id: "b-124" });
      }),
    );
    const { user } = renderApp("/projects/1/import");

    // 1. upload
    const file = new File(["Shot,Seq,Frame In,Notes\nSQ010_0010,SQ010,1001,x\n"], "shots.csv", { type: "text/csv" });
    await user.upload(await screen.findByLabelText("CSV file"), file);
    await user.click(screen.getByRole("button", { name: "Upload" }));

    // 2. mapping: prefilled from the server's suggestion; ignore one, change the key
    const seq = await screen.findByLabelText("Field for Seq");
    expect(uploaded).not.toBeNull();
    expect((uploaded as unknown as FormData).get("entity")).toBe("shot");
    expect(seq).toHaveValue("sequence.code");
    expect(screen.getByLabelText("Field for Notes")).toHaveValue("");
    await user.selectOptions(screen.getByLabelText("Field for Seq"), "");
    await user.click(screen.getByRole("button", { name: "Validate" }));
    await waitFor(() =>
      expect(mapping).toEqual({ key: "code", columns: { Shot: "code", Seq: null, "Frame In": "frame_in", Notes: null } }),
    );

    // 3. preview: every row with its action and reason; filter by action
    const table = await screen.findByRole("table", { name: "Import preview" });
    expect(await within(table).findByText(/not a number: 'abc'/)).toBeInTheDocument();
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    await user.click(screen.getByRole("button", { name: /Errors/ }));
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
    expect(previewCalls.at(-1)?.get("action")).toBe("error");
    await user.click(screen.getByRole("button", { name: "Continue" }));

    // 4. policy and commit
    await user.click(await screen.findByLabelText(/Overwrite existing rows/));
    await user.click(screen.getByRole("button", { name: "Import" }));
    await waitFor(() => expect(committed).toEqual({ policy: "overwrite" }));
    const result = await screen.findByRole("region", { name: "Import result" });
    expect(within(result).getByText("Created").nextSibling).toHaveTextContent("1");
    await user.click(within(result).getByRole("button", { name: "Undo this import" }));
    await waitFor(() => expect(undone).toBe("b-123"));
    expect(await within(result).findByRole("button", { name: "Import undone" })).toBeDisabled();
  }, 15_000);

  it("shows the server's reason when a commit is refused", async () => {
    useProductionHandlers("producer");
    const job = createFakeImportJob({ id: 9 });
    server.use(
      http.post(apiPath("/api/v1/projects/{project_id}/imports"), () => HttpResponse.json(job, { status: 201 })),
      http.put(apiPath("/api/v1/imports/{job_id}/mapping"), () => HttpResponse.json(job)),
      http.post(apiPath("/api/v1/imports/{job_id}/preview"), () =>
        HttpResponse.json({ job, summary: { new: 0, update: 3 }, ignored_columns: [], rows: [], total: 0, page: 1, limit: 500 }),
      ),
      http.post(apiPath("/api/v1/imports/{job_id}/commit"), () =>
        HttpResponse.json({ error: { code: "conflict", message: "3 rows exist already.", fields: {} } }, { status: 409 }),
      ),
    );
    const { user } = renderApp("/projects/1/import");
    await user.upload(await screen.findByLabelText("CSV file"), new File(["Shot\nA\n"], "s.csv"));
    await user.click(screen.getByRole("button", { name: "Upload" }));
    await user.click(await screen.findByRole("button", { name: "Validate" }));
    await user.click(await screen.findByRole("button", { name: "Continue" }));
    await user.click(await screen.findByLabelText(/Stop on conflict/));
    await user.click(screen.getByRole("button", { name: "Import" }));
    expect(await screen.findByText("3 rows exist already.")).toBeInTheDocument();
  });

  it("imports an editorial cut: upload an EDL, preview shots with cut in/out, commit", async () => {
    useProductionHandlers("producer");
    const job = createFakeImportJob({ id: 12, file_name: "NWD_cut_v3.edl", state: "previewed", columns: [], row_count: 3 });
    let sent: File | null = null;
    let committed: unknown = null;
    const detail = (code: string | null, from: string, cutIn: number, duration: number) =>
      ({ code, code_from: from, clip_name: code, reel: "A001C003", cut_in: cutIn, cut_out: cutIn + duration - 1, duration, record_in: 0 });
    server.use(
      http.post(apiPath("/api/v1/projects/{project_id}/editorial-imports"), async ({ request }) => {
        sent = (await request.formData()).get("file") as File;
        return HttpResponse.json(
          {
            job,
            summary: { new: 1, update: 1, unchanged: 0, error: 1 },
            ignored_columns: [],
            rows: [
              createFakeRowPreview({ row: 1, action: "new", changes: {}, detail: detail("SH010", "clip name", 86640, 48) }),
              createFakeRowPreview({ row: 2, action: "update", id: 7, changes: { cut_in: [1, 86880] }, detail: detail("SH020", "locator", 86880, 36) }),
              createFakeRowPreview({ row: 4, action: "error", changes: {}, errors: { code: "no shot code" }, detail: detail(null, "", 0, 24) }),
            ],
            total: 3,
            page: 1,
            limit: 3,
          },
          { status: 201 },
        );
      }),
      http.post(apiPath("/api/v1/imports/{job_id}/commit"), async ({ request, params }) => {
        committed = { job: Number(params.job_id), ...((await request.json()) as object) };
        return HttpResponse.json({ batch_id: "b-9", created: 1, updated: 0, unchanged: 0, skipped: 2 });
      }),
    );
    const { user } = renderApp("/projects/1/import");
    await user.click(await screen.findByRole("button", { name: "Editorial cut (EDL, OTIO)" }));
    const steps = screen.getByRole("list", { name: "Import steps" });
    expect(within(steps).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["1 Upload cut", "2 Preview shots", "3 Commit"]);
    expect(screen.getByRole("button", { name: "Upload cut" })).toBeDisabled();
    await user.upload(screen.getByLabelText("EDL or OTIO file"), new File(["TITLE: NWD_CUT_v3\n"], "NWD_cut_v3.edl"));
    await user.click(screen.getByRole("button", { name: "Upload cut" }));

    const table = await screen.findByRole("table", { name: "Cut preview" });
    expect(sent).not.toBeNull();
    expect((sent as unknown as File).name).toBe("NWD_cut_v3.edl");
    expect(screen.getByText(/3 clips · 1 new · 1 update · 0 unchanged · 1 error/)).toBeInTheDocument();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent))).toEqual([
      ["1", "new", "SH010from clip name", "86640", "86687", "48", ""],
      ["2", "update", "SH020from locator", "86880", "86915", "36", ""],
      ["4", "error", "—", "0", "23", "24", "code: no shot code"],
    ]);
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "Import" }));
    await waitFor(() => expect(committed).toEqual({ job: 12, policy: "skip" }));
    const result = await screen.findByRole("region", { name: "Import result" });
    expect(within(result).getByText("Created").nextSibling).toHaveTextContent("1");
    expect(within(result).getByRole("link", { name: "Open the shots grid" })).toHaveAttribute("href", "/projects/1/shots");
  }, 15_000);
});
