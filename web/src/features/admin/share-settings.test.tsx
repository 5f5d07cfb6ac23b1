import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeProject } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";

function useShareSettings() {
  let settings = { share_default_days: 14, share_max_days: 90 };
  const bodies: unknown[] = [];
  server.use(
    http.get(apiPath("/api/v1/projects"), () => HttpResponse.json([createFakeProject({ id: 1 })])),
    http.get(apiPath("/api/v1/organization/share-settings"), () => HttpResponse.json(settings)),
    http.patch(apiPath("/api/v1/organization/share-settings"), async ({ request }) => {
      const body = (await request.json()) as typeof settings;
      bodies.push(body);
      if (body.share_default_days > body.share_max_days) {
        return errorResponse(422, { code: "validation_failed", message: "Some fields are not valid.", fields: { share_default_days: "must not exceed share_max_days" } });
      }
      settings = body;
      return HttpResponse.json(settings);
    }),
  );
  return bodies;
}

describe("admin › client review", () => {
  it("an admin changes the link lifetimes; the server's field error shows at its field", async () => {
    useProductionHandlers("admin");
    const bodies = useShareSettings();
    const { user } = renderApp("/admin");
    await user.click(await screen.findByRole("tab", { name: "Client review" }));
    expect(screen.queryByRole("combobox", { name: "Project" })).not.toBeInTheDocument();
    const defaultDays = await screen.findByLabelText("Default lifetime (days)");
    const maxDays = screen.getByLabelText("Longest lifetime (days)");
    expect(defaultDays).toHaveValue(14);
    expect(maxDays).toHaveValue(90);

    await user.clear(maxDays);
    await user.type(maxDays, "10");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(defaultDays).toHaveAttribute("aria-invalid", "true"));
    expect(defaultDays).toHaveAccessibleDescription("must not exceed share_max_days");
    expect(screen.getByRole("alert")).toHaveTextContent("Not saved: check the fields marked above.");

    await user.clear(defaultDays);
    await user.type(defaultDays, "7");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Saved.");
    expect(defaultDays).not.toHaveAttribute("aria-invalid");
    expect(bodies).toEqual([
      { share_default_days: 14, share_max_days: 10 },
      { share_default_days: 7, share_max_days: 10 },
    ]);
  });

  it("a producer reads them but cannot change them", async () => {
    useProductionHandlers("producer");
    useShareSettings();
    const { user } = renderApp("/admin");
    await user.click(await screen.findByRole("tab", { name: "Client review" }));
    expect(await screen.findByLabelText("Default lifetime (days)")).toBeDisabled();
    expect(screen.getByText(/Only admins can change these\./)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save" })).not.toBeInTheDocument();
  });
});
