import "@testing-library/jest-dom/vitest";

import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";

import { resetFakeIds } from "@/test/factories";
import { server } from "@/test/server";

// Whole-app renders with lazy routes can take over a second on a busy machine.
configure({ asyncUtilTimeout: 3000 });

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetFakeIds();
});

afterAll(() => {
  server.close();
});
