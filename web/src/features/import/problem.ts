import { isApiError } from "@/api/errors";

/** The server's message and the fields it names, for an error note under a step. */
export function problemText(error: unknown): string {
  if (!isApiError(error)) return "Something went wrong.";
  const fields = Object.entries(error.fields).map(([k, v]) => `${k}: ${v}`).join("; ");
  return fields ? `${error.message} (${fields})` : error.message;
}
