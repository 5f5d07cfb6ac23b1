export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

export const versionLabel = (v: { number: number }) => `v${String(v.number).padStart(3, "0")}`;
