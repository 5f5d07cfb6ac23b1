/**
 * Where to go after signing in. Only same-origin paths are accepted, so a crafted
 * `?next=https://evil.example` or `?next=//evil.example` cannot redirect off-site.
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) {
    return "/";
  }
  if (next === "/login" || next.startsWith("/login?")) return "/";
  return next;
}

/** The login URL that brings the user back to `path` afterwards. */
export function loginPath(path: string): string {
  return path === "/" || path === "" ? "/login" : `/login?next=${encodeURIComponent(path)}`;
}
