import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { createFakeAccount } from "@/test/factories";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";

describe("app shell", () => {
  it("redirects to /login when GET /api/v1/me answers 401", async () => {
    const { router } = renderApp("/");

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe("");
  });

  it("shows the header with project switcher, search, notifications and profile", async () => {
    server.use(
      http.get(apiPath("/api/v1/me"), () =>
        HttpResponse.json(createFakeAccount({ name: "Grace Hopper", role: "supervisor" })),
      ),
    );
    const { user } = renderApp("/");

    const profile = await screen.findByRole("button", { name: "Grace Hopper" });
    expect(screen.getByRole("combobox", { name: "Search" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Notifications" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Switch project" }));
    expect(await screen.findByText("No projects yet")).toBeInTheDocument();
    await user.keyboard("{Escape}");

    await user.click(profile);
    const menu = await screen.findByRole("menu");
    expect(menu).toHaveTextContent("Grace Hopper");
    expect(menu).toHaveTextContent("Supervisor");
    expect(screen.getByRole("menuitem", { name: "Log out" })).toBeInTheDocument();
  });

  it("logs out through the API and returns to /login", async () => {
    let signedIn = true;
    let logoutCalls = 0;
    server.use(
      http.get(apiPath("/api/v1/me"), () =>
        signedIn
          ? HttpResponse.json(createFakeAccount({ name: "Ada Lovelace" }))
          : errorResponse(401, { code: "not_authenticated", message: "You are not signed in." }),
      ),
      http.post(apiPath("/api/v1/auth/logout"), () => {
        logoutCalls += 1;
        signedIn = false;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user, router, queryClient } = renderApp("/");

    await user.click(await screen.findByRole("button", { name: "Ada Lovelace" }));
    await user.click(await screen.findByRole("menuitem", { name: "Log out" }));

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(logoutCalls).toBe(1);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });

  it("keeps the user signed in and says so when logout fails", async () => {
    server.use(
      http.get(apiPath("/api/v1/me"), () => HttpResponse.json(createFakeAccount())),
      http.post(apiPath("/api/v1/auth/logout"), () =>
        errorResponse(500, { code: "internal_error", message: "The server ran into a problem." }),
      ),
    );
    const { user, router } = renderApp("/");

    await user.click(await screen.findByRole("button", { name: "Ada Lovelace" }));
    await user.click(await screen.findByRole("menuitem", { name: "Log out" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Could not log out: The server ran into a problem.",
    );
    await waitFor(() => {
      expect(router.state.location.pathname).toBe("/");
    });
  });

  it("offers a retry instead of a redirect when the server is down", async () => {
    server.use(
      http.get(apiPath("/api/v1/me"), () =>
        errorResponse(503, { code: "unavailable", message: "Shotline is starting up." }),
      ),
    );
    renderApp("/");

    expect(await screen.findByRole("alert")).toHaveTextContent("Shotline is starting up.");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
