export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

export const versionLabel = (v: { number: number }) => `v${String(v.number).padStart(3, "0")}`;

/** A version's approval state: label and dot colour (version pills, kanban cards). */
export const VERSION_STATUS = {
  pending_review: ["Pending review", "#f6c15b"],
  changes_requested: ["Changes requested", "#ff7b84"],
  approved: ["Approved", "#34c759"],
} as const;
export type VersionStatus = keyof typeof VERSION_STATUS;
