import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeAccount, createFakeProject } from "@/test/factories";
import { useProductionHandlers } from "@/test/production";
import { renderApp } from "@/test/render";
import { apiPath, server } from "@/test/server";

describe("admin", () => {
  it("creates an account", async () => {
    useProductionHandlers("admin");
    let created: unknown = null;
    server.use(
      http.get(apiPath("/api/v1/projects"), () => HttpResponse.json([createFakeProject({ id: 1 })])),
      http.post(apiPath("/api/v1/accounts"), async ({ request }) => {
        created = await request.json();
        return HttpResponse.json(createFakeAccount({ name: "Lin Wu", email: "lin@studio.test" }));
      }),
    );
    const { user } = renderApp("/admin");

    expect(await screen.findByText("Maya Chen")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Name"), "Lin Wu");
    await user.type(screen.getByLabelText("E-mail"), "lin@studio.test");
    await user.selectOptions(screen.getByLabelText("Role"), "supervisor");
    await user.type(screen.getByLabelText("Initial password"), "a long enough password");
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("Account created.")).toBeInTheDocument();
    await waitFor(() =>
      expect(created).toEqual({
        name: "Lin Wu",
        email: "lin@studio.test",
        role: "supervisor",
        kind: "person",
        password: "a long enough password",
      }),
    );
  });

  it("is closed to artists", async () => {
    useProductionHandlers("artist");
    renderApp("/admin");
    expect(await screen.findByText("Admins and producers only")).toBeInTheDocument();
  });
});
