import { describe, expect, it } from "vitest";

import { loginPath, safeNextPath } from "@/features/auth/redirect";

describe("safeNextPath", () => {
  it.each([
    [null, "/"],
    ["", "/"],
    ["/shots/12?tab=notes", "/shots/12?tab=notes"],
    ["https://evil.example", "/"],
    ["//evil.example/path", "/"],
    ["/\\evil.example", "/"],
    ["/login", "/"],
    ["/login?next=/x", "/"],
  ])("%s → %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe("loginPath", () => {
  it("omits next for the home page and encodes it otherwise", () => {
    expect(loginPath("/")).toBe("/login");
    expect(loginPath("/tasks?mine=1")).toBe("/login?next=%2Ftasks%3Fmine%3D1");
  });
});
