import type { CustomFieldRead } from "@/api/projects";

export type CustomDraft = Record<string, string | boolean>;

/**
 * The `custom` object to send, and the problems found before sending (a required field left
 * empty, a number that is not one), keyed `custom.<key>` as the server keys them.
 */
export function customValues(defs: readonly CustomFieldRead[], draft: CustomDraft): { values: Record<string, unknown>; problems: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const def of defs) {
    const raw = draft[def.key];
    const key = `custom.${def.key}`;
    if (def.field_type === "boolean") {
      values[def.key] = raw === true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") {
      if (def.required) problems[key] = "required";
      continue;
    }
    if (def.field_type === "number" || def.field_type === "account") {
      const n = Number(text);
      if (Number.isNaN(n)) problems[key] = "must be a number";
      else values[def.key] = n;
    } else {
      values[def.key] = text;
    }
  }
  return { values, problems };
}
