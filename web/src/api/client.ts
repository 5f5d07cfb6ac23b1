import createClient from "openapi-fetch";

import type { paths } from "@/api/generated/schema";

/**
 * The one typed client for the Shotline REST API. Paths, parameters, bodies and
 * responses are checked against `src/api/generated/schema.d.ts`, generated from the
 * server's OpenAPI document (`npm run api:generate`).
 *
 * The session lives in an HttpOnly cookie on the same origin, so every call sends
 * cookies (`credentials: "same-origin"`). `fetch` is looked up per call so that test
 * interceptors (MSW) installed after this module loads still see the requests.
 */
export const api = createClient<paths>({
  baseUrl: globalThis.location.origin,
  credentials: "same-origin",
  headers: { Accept: "application/json" },
  fetch: (request: Request) => globalThis.fetch(request),
});
