import type { AccessKind, ReviewLink } from "@/api/review-links";
import { isApiError } from "@/api/errors";

/** Who manages review links: supervisors, producers and admins (the server has the last word). */
export function canManageLinks(role: string): boolean {
  return role === "admin" || role === "producer" || role === "supervisor";
}

/** Who may change project settings (`manage_project`): admins and producers. */
export function canEditProject(role: string): boolean {
  return role === "admin" || role === "producer";
}

export const ACCESS_LABELS: Record<AccessKind, string> = {
  opened: "Opened the link",
  unlocked: "Unlocked (gave a name)",
  failed_password: "Wrong password",
  played: "Played",
  downloaded: "Downloaded",
  download_refused: "Download refused",
  commented: "Commented",
  approved: "Approved",
  changes_requested: "Requested changes",
};

/** "2 / 5", "2 (no limit)" or "off". */
export function downloadsText(link: Pick<ReviewLink, "allow_downloads" | "downloads" | "download_limit">): string {
  if (!link.allow_downloads) return "off";
  return link.download_limit === null ? `${link.downloads} (no limit)` : `${link.downloads} / ${link.download_limit}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The local calendar day of an ISO time, as a date input wants it ("2025-03-17"). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The end of the picked (local) day. On the last allowed day that would pass the latest
 * allowed expiry by a few hours, so it becomes that expiry; a later day is sent as it is and
 * the server says how far ahead a link may go.
 */
export function expiryOf(day: string, maxIso: string | null): string {
  const end = new Date(`${day}T23:59:00`);
  if (maxIso) {
    const max = new Date(maxIso);
    if (end > max && end.getTime() - max.getTime() < 24 * 3600 * 1000) return max.toISOString();
  }
  return end.toISOString();
}

export function dateText(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function timeText(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/Firefox\/(\d+)/, "Firefox"],
  [/FxiOS\/(\d+)/, "Firefox"],
  [/CriOS\/(\d+)/, "Chrome"],
  [/Chrome\/(\d+)/, "Chrome"],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** "Chrome 120 on macOS" from a user agent; other clients by their first word ("curl/8.5"). */
export function browserOf(userAgent: string | null): string {
  if (!userAgent) return "—";
  const browser = BROWSERS.find(([re]) => re.test(userAgent));
  if (!browser) return userAgent.split(" ", 1)[0] ?? userAgent;
  const version = browser[0].exec(userAgent)?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  return `${browser[1]}${version ? ` ${version}` : ""}${system ? ` on ${system}` : ""}`;
}

/** Problems by field key and one message for the rest (a 403, an unknown key, a network failure). */
export interface FormProblems {
  fields: Record<string, string>;
  message: string | null;
}

export const NO_PROBLEMS: FormProblems = { fields: {}, message: null };

export function problemsFrom(error: unknown, known: readonly string[]): FormProblems {
  if (!error) return NO_PROBLEMS;
  if (!isApiError(error)) return { fields: {}, message: "Could not save. Check your connection and try again." };
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const [key, text] of Object.entries(error.fields)) {
    if (known.includes(key)) fields[key] = text;
    else other.push(`${key}: ${text}`);
  }
  const shown = Object.keys(fields).length > 0 && other.length === 0;
  return { fields, message: shown ? null : [error.message, ...other].join(" ") };
}
