/** Who may share: supervisors, producers and admins (the server has the last word). */
export function canShare(role: string): boolean {
  return role === "supervisor" || role === "producer" || role === "admin";
}

export function versionName(version: { number: number }): string {
  return `v${String(version.number).padStart(3, "0")}`;
}

/** The end of the picked day (local time), never past the latest allowed expiry. */
export function expiryFor(date: string, maxIso: string): string {
  const end = new Date(`${date}T23:59:00`);
  const max = new Date(maxIso);
  return (end > max ? max : end).toISOString();
}

/** "a@x.com, b@y.com" → addresses (empty parts dropped). */
export function parseRecipients(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function flattenNotes<T extends { replies?: T[] }>(notes: readonly T[]): T[] {
  return notes.flatMap((n) => [n, ...flattenNotes(n.replies ?? [])]);
}
