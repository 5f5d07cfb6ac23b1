import type { components } from "@/api/generated/schema";

export type ErrorResponse = components["schemas"]["ErrorResponse"];

interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  fields?: Readonly<Record<string, string>>;
  retryAfterSeconds?: number | null;
}

/**
 * Every failed API call surfaces as an `ApiError`: the server's `ErrorResponse`
 * (`{"error": {"code", "message", "fields"}}`) plus the HTTP status. `status` is 0 when
 * the server could not be reached at all.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Seconds to wait before retrying, from the `Retry-After` header (429 / 503). */
  readonly retryAfterSeconds: number | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isErrorResponse(body: unknown): body is ErrorResponse {
  if (!isRecord(body) || !isRecord(body.error)) return false;
  const { code, message, fields } = body.error;
  return typeof code === "string" && typeof message === "string" && isRecord(fields);
}

/** `Retry-After` is either delay-seconds or an HTTP date. Returns whole seconds, or null. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const GENERIC_MESSAGES: Record<number, string> = {
  401: "You are not signed in.",
  403: "You do not have permission to do that.",
  404: "Not found.",
  409: "Someone else changed this in the meantime.",
  429: "Too many requests. Please wait a moment.",
  500: "The server ran into a problem.",
  502: "The server is not responding.",
  503: "The server is temporarily unavailable.",
};

/** Builds an `ApiError` from a failed response and its (already parsed) body. */
export function apiErrorFromResponse(response: Response, body: unknown): ApiError {
  const retryAfterSeconds = parseRetryAfter(response.headers.get("Retry-After"));
  if (isErrorResponse(body)) {
    const { code, message, fields } = body.error;
    return new ApiError({ status: response.status, code, message, fields, retryAfterSeconds });
  }
  return new ApiError({
    status: response.status,
    code: `http_${response.status}`,
    message:
      GENERIC_MESSAGES[response.status] ??
      `The server answered with an unexpected status (${response.status}).`,
    retryAfterSeconds,
  });
}

export function networkError(): ApiError {
  return new ApiError({
    status: 0,
    code: "network_error",
    message: "Cannot reach the Shotline server. Check your connection and try again.",
  });
}

function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function settle<T>(request: Promise<FetchResult<T>>): Promise<FetchResult<T>> {
  try {
    return await request;
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw networkError();
  }
}

/** Awaits an openapi-fetch call and returns its data, or throws an `ApiError`. */
export async function unwrap<T>(request: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await settle(request);
  if (!response.ok || error !== undefined) throw apiErrorFromResponse(response, error);
  if (data === undefined) {
    throw new ApiError({
      status: response.status,
      code: "empty_response",
      message: "The server sent an empty answer.",
    });
  }
  return data;
}

/** Like `unwrap` for calls that answer without a body (e.g. 204 No Content). */
export async function expectOk(request: Promise<FetchResult<unknown>>): Promise<void> {
  const { error, response } = await settle(request);
  if (!response.ok || error !== undefined) throw apiErrorFromResponse(response, error);
}
