import type { QueryClient } from "@tanstack/react-query";

import { notificationKeys } from "@/api/notifications";

type Key = readonly unknown[];

/** What the stream sends for each event of the log (a subset of the activity item). */
export interface StreamItem {
  verb: string;
  entity_type: string;
  links?: readonly { entity_type: string | null }[];
}

/**
 * Query keys of the entity types whose caches are not simply `[type]` / `[type + "s"]`.
 * Any other type (a new one included) falls back to that convention, so a new event type
 * needs no edit here unless its queries live elsewhere.
 */
const KEYS_BY_TYPE: Record<string, Key[]> = {
  task: [["tasks"], ["dashboard"], ["history", "task"]],
  shot: [["shot"], ["history", "shot"]],
  asset: [["asset"], ["history", "asset"]],
  sequence: [["shot"], ["sequences"]],
  episode: [["shot"], ["sequences"]],
  // Review data (versions, notes, approvals, the player) lives under ["review", …].
  version: [["review"], ["tasks"], ["dashboard"]],
  note: [["review"], ["tasks"], ["dashboard"]],
  approval: [["review"], ["tasks"], ["dashboard"]],
};

/** Types that only appear as people named in a sentence: no cache to refresh for them. */
const NOT_A_SUBJECT = new Set(["account"]);

function keysForType(type: string): Key[] {
  return KEYS_BY_TYPE[type] ?? [[type], [`${type}s`]];
}

/**
 * Which cached queries an event makes stale: the activity feeds, and the caches of its
 * entity type, its verb's family (`task.assigned` → task) and what it links to (a note
 * links its task). The unread count is not here: the stream's `notification` message
 * carries it.
 */
export function keysForItem(item: StreamItem): Key[] {
  const types = new Set<string>([item.entity_type, item.verb.split(".", 1)[0] ?? ""]);
  for (const link of item.links ?? []) {
    if (link.entity_type && !NOT_A_SUBJECT.has(link.entity_type)) types.add(link.entity_type);
  }
  types.delete("");
  const keys: Key[] = [["activity"]];
  for (const type of types) keys.push(...keysForType(type));
  return keys;
}

export function invalidateForItems(qc: QueryClient, items: Iterable<StreamItem>): void {
  const seen = new Set<string>();
  for (const item of items) {
    for (const key of keysForItem(item)) {
      const id = JSON.stringify(key);
      if (seen.has(id)) continue;
      seen.add(id);
      void qc.invalidateQueries({ queryKey: key });
    }
  }
}

/** A `notification` message: the viewer's unread count now; the inbox list is stale. */
export function applyNotification(qc: QueryClient, data: string): void {
  const unread = (JSON.parse(data) as { unread?: unknown }).unread;
  if (typeof unread === "number") qc.setQueryData(notificationKeys.unread(), unread);
  void qc.invalidateQueries({ queryKey: notificationKeys.inbox() });
}

/** A log event's data, or null when it is not one (a malformed message is ignored). */
export function parseItem(data: string): StreamItem | null {
  try {
    const item = JSON.parse(data) as Partial<StreamItem>;
    return typeof item.verb === "string" && typeof item.entity_type === "string"
      ? (item as StreamItem)
      : null;
  } catch {
    return null;
  }
}
