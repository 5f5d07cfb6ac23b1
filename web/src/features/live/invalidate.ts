import type { QueryClient } from "@tanstack/react-query";

/**
 * Which cached queries an event makes stale, by its verb's family (`task.updated` → task).
 * Every event may have produced a notification, so the unread count is always refreshed.
 */
export function keysForVerb(verb: string): (readonly unknown[])[] {
  const family = verb.split(".", 1)[0] ?? "";
  const keys: (readonly unknown[])[] = [["notifications"], ["activity"]];
  switch (family) {
    case "task":
      keys.push(["tasks"], ["dashboard"], ["history", "task"]);
      break;
    case "shot":
    case "asset":
      keys.push([family], ["history", family]);
      break;
    case "sequence":
      keys.push(["shot"], ["sequences"]);
      break;
    case "version":
    case "note":
    case "approval":
      // Review data (versions, notes, approvals, the player) lives under ["review", …].
      keys.push(["review"], ["tasks"], ["dashboard"]);
      break;
    default:
      break;
  }
  return keys;
}

export function invalidateForVerbs(qc: QueryClient, verbs: Iterable<string>): void {
  const seen = new Set<string>();
  for (const verb of verbs) {
    for (const key of keysForVerb(verb)) {
      const id = JSON.stringify(key);
      if (seen.has(id)) continue;
      seen.add(id);
      void qc.invalidateQueries({ queryKey: key });
    }
  }
}

/** The verbs the server writes (event `event:` names); SSE only dispatches names listened to. */
const FAMILIES = ["task", "shot", "asset", "sequence", "episode", "version", "note", "approval", "project", "review_session", "asset_link"];
const ACTIONS = ["created", "updated", "archived", "restored", "deleted", "assigned", "overdue", "approved", "changes_requested", "shared", "reverted", "commented"];
export const STREAM_VERBS: readonly string[] = FAMILIES.flatMap((f) => ACTIONS.map((a) => `${f}.${a}`));
