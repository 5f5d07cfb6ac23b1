import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeRowPage } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";

const VENDOR = {
  id: 9, project_id: 1, entity_type: "shot", key: "vendor", label: "Vendor", field_type: "choice",
  options: ["ILM", "Weta"], required: true, sort_order: 0,
  created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", archived_at: null, row_version: 1,
};

function shotListHandlers() {
  server.use(
    http.get(apiPath("/api/v1/projects/{project_id}/shots"), () => HttpResponse.json(createFakeRowPage([], { total: 0 }))),
    http.get(apiPath("/api/v1/projects/{project_id}/custom-fields"), () => HttpResponse.json([VENDOR])),
    http.get(apiPath("/api/v1/projects/{project_id}/sequences"), () =>
      HttpResponse.json(
        createFakeRowPage([
          { id: 5, code: "SQ010", name: "Opening", "episode.code": "EP01" },
          { id: 6, code: "SQ900", name: null, "episode.code": null },
        ]),
      ),
    ),
  );
}

function field(form: HTMLElement, label: string) {
  return within(form).getByLabelText(label);
}

describe("new shot form", () => {
  it("shows problems by field before sending, then posts the shot with its custom field", async () => {
    useProductionHandlers();
    shotListHandlers();
    let body: unknown = null;
    server.use(
      http.post(apiPath("/api/v1/projects/{project_id}/shots"), async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 77, code: "SQ010_0010" }, { status: 201 });
      }),
    );
    const { user } = renderApp("/projects/1/shots");

    await user.click(await screen.findByRole("button", { name: "New shot" }));
    const form = screen.getByRole("form", { name: "New shot" });
    await within(form).findByRole("option", { name: "SQ010 — Opening" });
    expect(within(form).getByRole("group", { name: "Episode EP01" })).toBeInTheDocument();
    await user.type(field(form, "Code"), "SQ010 0010");
    await user.type(field(form, "Frame in"), "1100");
    await user.type(field(form, "Frame out"), "1001");
    await user.click(within(form).getByRole("button", { name: "Create shot" }));

    expect(field(form, "Code")).toHaveAttribute("aria-invalid", "true");
    expect(field(form, "Code")).toHaveAccessibleDescription("letters, digits, _ . - only");
    expect(field(form, "Frame out")).toHaveAccessibleDescription("must not be before frame_in");
    expect(field(form, "Vendor (required)")).toHaveAccessibleDescription("required");
    expect(body).toBeNull();

    await user.clear(field(form, "Code"));
    await user.type(field(form, "Code"), "SQ010_0010");
    await user.clear(field(form, "Frame out"));
    await user.type(field(form, "Frame out"), "1196");
    await user.selectOptions(field(form, "Sequence (episode)"), "5");
    await user.selectOptions(field(form, "Vendor (required)"), "Weta");
    await user.type(field(form, "Description"), "Hero lands");
    await user.click(within(form).getByRole("button", { name: "Create shot" }));

    expect(await within(form).findByRole("status")).toHaveTextContent("Shot SQ010_0010 created.");
    expect(within(form).getByRole("link", { name: "SQ010_0010" })).toHaveAttribute("href", "/projects/1/shots/77");
    expect(body).toEqual({
      code: "SQ010_0010", sequence_id: 5, description: "Hero lands", frame_in: 1100, frame_out: 1196,
      status: "waiting", sort_order: 0, custom: { vendor: "Weta" },
    });
    // Cleared for the next shot, the sequence kept.
    expect(field(form, "Code")).toHaveValue("");
    expect(field(form, "Sequence (episode)")).toHaveValue("5");
  }, 20_000);

  it("puts the server's problems under their fields", async () => {
    useProductionHandlers();
    shotListHandlers();
    server.use(
      http.post(apiPath("/api/v1/projects/{project_id}/shots"), () =>
        errorResponse(409, { code: "conflict", message: "This code is already taken.", fields: { code: "already taken" } }),
      ),
    );
    const { user } = renderApp("/projects/1/shots");

    await user.click(await screen.findByRole("button", { name: "New shot" }));
    const form = screen.getByRole("form", { name: "New shot" });
    await user.type(field(form, "Code"), "SQ010_0010");
    await within(form).findByRole("option", { name: "Weta" });
    await user.selectOptions(field(form, "Vendor (required)"), "ILM");
    await user.click(within(form).getByRole("button", { name: "Create shot" }));

    await waitFor(() => expect(field(form, "Code")).toHaveAccessibleDescription("already taken"));
    expect(within(form).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("is not offered to artists", async () => {
    useProductionHandlers("artist");
    shotListHandlers();
    renderApp("/projects/1/shots");
    expect(await screen.findByRole("grid", { name: "shots grid" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New shot" })).not.toBeInTheDocument();
  });
});

describe("new asset form", () => {
  it("asks for a custom type only when the type is custom and posts the asset", async () => {
    useProductionHandlers();
    let body: unknown = null;
    server.use(
      http.get(apiPath("/api/v1/projects/{project_id}/assets"), () => HttpResponse.json(createFakeRowPage([], { total: 0 }))),
      http.post(apiPath("/api/v1/projects/{project_id}/assets"), async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 12, code: "boat" }, { status: 201 });
      }),
    );
    const { user } = renderApp("/projects/1/assets");

    await user.click(await screen.findByRole("button", { name: "New asset" }));
    const form = screen.getByRole("form", { name: "New asset" });
    expect(within(form).queryByLabelText("Custom type")).not.toBeInTheDocument();
    await user.type(field(form, "Code"), "boat");
    await user.selectOptions(field(form, "Type"), "custom");
    await user.click(within(form).getByRole("button", { name: "Create asset" }));
    expect(field(form, "Name")).toHaveAccessibleDescription("required");
    expect(field(form, "Custom type")).toHaveAccessibleDescription("required for a custom type");

    await user.type(field(form, "Name"), "Fishing boat");
    await user.type(field(form, "Custom type"), "ship");
    await user.click(within(form).getByRole("button", { name: "Create asset" }));

    expect(await within(form).findByRole("status")).toHaveTextContent("Asset boat created.");
    expect(body).toMatchObject({ code: "boat", name: "Fishing boat", asset_type: "custom", custom_type: "ship", priority: 2, custom: {} });
  });
});
