import { isApiError } from "@/api/errors";

/** Problems by field key (`code`, `frame_out`, `custom.vendor`) and one message for the rest. */
export interface FormProblems {
  fields: Record<string, string>;
  message: string | null;
}

export const NO_PROBLEMS: FormProblems = { fields: {}, message: null };

/**
 * The server's error as problems by field: the keys the form shows next to a control stay
 * there; anything else (an unknown key, a 403, a network failure) becomes the message.
 */
export function problemsFrom(error: unknown, known: ReadonlySet<string>): FormProblems {
  if (!isApiError(error)) return { fields: {}, message: "Could not save. Check your connection and try again." };
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const [key, text] of Object.entries(error.fields)) {
    if (known.has(key)) fields[key] = text;
    else other.push(`${key}: ${text}`);
  }
  const shown = Object.keys(fields).length > 0 && other.length === 0;
  return { fields, message: shown ? null : [error.message, ...other].join(" ") };
}

const CODE = /^[A-Za-z0-9_.-]+$/;

/** The code rule the server applies (`shotline.types.Code`), checked before sending. */
export function codeProblem(code: string): string | null {
  if (!code.trim()) return "required";
  if (code.trim().length > 64) return "at most 64 characters";
  if (!CODE.test(code.trim())) return "letters, digits, _ . - only";
  return null;
}

/** A whole number or nothing; `undefined` when the text is not one. */
export function intOrNull(text: string): number | null | undefined {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}
