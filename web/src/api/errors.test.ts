import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { api } from "@/api/client";
import { ApiError, apiErrorFromResponse, parseRetryAfter, unwrap } from "@/api/errors";
import { createFakeAccount, createFakeErrorResponse } from "@/test/factories";
import { apiPath, server } from "@/test/server";

describe("parseRetryAfter", () => {
  it("reads delay-seconds and HTTP dates", () => {
    const now = Date.parse("2025-03-03T10:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Mon, 03 Mar 2025 10:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter("Mon, 03 Mar 2025 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
});

describe("apiErrorFromResponse", () => {
  it("keeps code, message, fields and status of an ErrorResponse", () => {
    const body = createFakeErrorResponse({
      code: "validation_failed",
      message: "Invalid.",
      fields: { email: "Required." },
    });
    const error = apiErrorFromResponse(new Response(null, { status: 422 }), body);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: "validation_failed",
      message: "Invalid.",
      fields: { email: "Required." },
      retryAfterSeconds: null,
    });
  });

  it("falls back to a generic error for bodies that are not ErrorResponse", () => {
    const error = apiErrorFromResponse(new Response(null, { status: 502 }), "<html>Bad gateway</html>");
    expect(error).toMatchObject({ status: 502, code: "http_502", fields: {} });
  });
});

describe("unwrap", () => {
  it("returns typed data on success", async () => {
    const account = createFakeAccount();
    server.use(http.get(apiPath("/api/v1/me"), () => HttpResponse.json(account)));
    await expect(unwrap(api.GET("/api/v1/me"))).resolves.toEqual(account);
  });

  it("throws an ApiError with the Retry-After wait", async () => {
    server.use(
      http.post(apiPath("/api/v1/auth/login"), () =>
        HttpResponse.json(createFakeErrorResponse({ code: "rate_limited", message: "Slow down." }), {
          status: 429,
          headers: { "Retry-After": "12" },
        }),
      ),
    );
    const request = api.POST("/api/v1/auth/login", { body: { email: "a@b.c", password: "x" } });
    await expect(unwrap(request)).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
      message: "Slow down.",
      retryAfterSeconds: 12,
    });
  });

  it("turns a network failure into a network_error ApiError", async () => {
    server.use(http.get(apiPath("/api/v1/me"), () => HttpResponse.error()));
    await expect(unwrap(api.GET("/api/v1/me"))).rejects.toMatchObject({
      status: 0,
      code: "network_error",
    });
  });
});
