import { screen, waitFor } from "@testing-library/react";
import { delay, http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import type { LoginRequest } from "@/api/auth";
import { createFakeAccount, createFakeLoginRequest } from "@/test/factories";
import { renderApp } from "@/test/render";
import { apiPath, errorResponse, server } from "@/test/server";

async function fillAndSubmit(
  user: ReturnType<typeof renderApp>["user"],
  credentials: LoginRequest = createFakeLoginRequest(),
) {
  await user.type(await screen.findByLabelText("Email"), credentials.email);
  await user.type(screen.getByLabelText("Password"), credentials.password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("login", () => {
  it("signs in and lands on the dashboard the user asked for", async () => {
    const account = createFakeAccount({ name: "Ada Lovelace", role: "producer" });
    let signedIn = false;
    const sent: LoginRequest[] = [];
    server.use(
      http.get(apiPath("/api/v1/me"), () =>
        signedIn
          ? HttpResponse.json(account)
          : errorResponse(401, { code: "not_authenticated", message: "You are not signed in." }),
      ),
      http.post(apiPath("/api/v1/auth/login"), async ({ request }) => {
        sent.push((await request.json()) as LoginRequest);
        signedIn = true;
        return HttpResponse.json(account);
      }),
    );

    const { user, router } = renderApp("/");

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");

    await fillAndSubmit(user, { email: "ada@studio.test", password: "s3cret" });

    expect(await screen.findByRole("heading", { name: "Tasks Due Today" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/");
    expect(sent).toEqual([{ email: "ada@studio.test", password: "s3cret" }]);
    expect(screen.getByRole("button", { name: "Ada Lovelace" })).toBeInTheDocument();
  });

  it("returns to the ?next= page after signing in", async () => {
    server.use(
      http.post(apiPath("/api/v1/auth/login"), () => HttpResponse.json(createFakeAccount())),
    );
    const { user, router } = renderApp("/login?next=%2Fsomewhere%3Ftab%3D2");

    await fillAndSubmit(user);

    await waitFor(() => {
      expect(router.state.location.pathname).toBe("/somewhere");
    });
    expect(router.state.location.search).toBe("?tab=2");
  });

  it("shows the server's message on a wrong password", async () => {
    server.use(
      http.post(apiPath("/api/v1/auth/login"), () =>
        errorResponse(401, { code: "invalid_credentials", message: "Wrong e-mail or password." }),
      ),
    );
    const { user, router } = renderApp("/login");

    await fillAndSubmit(user, createFakeLoginRequest({ password: "wrong" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong e-mail or password.");
    expect(router.state.location.pathname).toBe("/login");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  it("shows how long to wait when rate limited (429 + Retry-After)", async () => {
    server.use(
      http.post(apiPath("/api/v1/auth/login"), () =>
        errorResponse(
          429,
          { code: "rate_limited", message: "Too many login attempts." },
          { "Retry-After": "30" },
        ),
      ),
    );
    const { user } = renderApp("/login");

    await fillAndSubmit(user);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Too many login attempts.");
    expect(alert).toHaveTextContent("Try again in 30 seconds.");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeDisabled();
  });

  it("shows field errors from a 422", async () => {
    server.use(
      http.post(apiPath("/api/v1/auth/login"), () =>
        errorResponse(422, {
          code: "validation_failed",
          message: "Some fields are invalid.",
          fields: { email: "Enter a valid e-mail address." },
        }),
      ),
    );
    const { user } = renderApp("/login");

    await fillAndSubmit(user, createFakeLoginRequest({ email: "ada" }));

    expect(await screen.findByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription(
      "Enter a valid e-mail address.",
    );
  });

  it("says so when the server cannot be reached", async () => {
    server.use(http.post(apiPath("/api/v1/auth/login"), () => HttpResponse.error()));
    const { user } = renderApp("/login");

    await fillAndSubmit(user);

    expect(await screen.findByRole("alert")).toHaveTextContent("Cannot reach the Shotline server.");
  });

  it("disables the form while signing in", async () => {
    server.use(
      http.post(apiPath("/api/v1/auth/login"), async () => {
        await delay("infinite");
        return HttpResponse.json(createFakeAccount());
      }),
    );
    const { user } = renderApp("/login");

    await fillAndSubmit(user);

    await waitFor(() => {
      expect(screen.getByRole("button", { name: "Sign in" })).toBeDisabled();
    });
    expect(screen.getByLabelText("Email")).toBeDisabled();
    expect(screen.getByLabelText("Password")).toBeDisabled();
  });
});
