/** "just now", "5 min ago", "3 h ago", "2 d ago", else the local date. */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${String(Math.floor(seconds / 60))} min ago`;
  if (seconds < 86400) return `${String(Math.floor(seconds / 3600))} h ago`;
  if (seconds < 7 * 86400) return `${String(Math.floor(seconds / 86400))} d ago`;
  return new Date(iso).toLocaleDateString();
}
