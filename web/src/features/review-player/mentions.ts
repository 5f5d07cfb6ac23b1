/** The server's mention syntax: `@[Display Name](account:ID)`. */
export const MENTION_RE = /@\[([^\]\n]{1,200})\]\(account:(\d+)\)/g;

export function mentionToken(name: string, id: number): string {
  return `@[${name.replace(/[[\]]/g, "")}](account:${String(id)})`;
}

export type BodyPart = { text: string } | { name: string; id: number };

/** A note body split into text and mentions, for display. */
export function splitMentions(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION_RE)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ name: match[1] ?? "", id: Number(match[2]) });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}

/** The `@query` being typed just before the caret, if any. */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!match) return null;
  return { start: caret - (match[2]?.length ?? 0) - 1, query: match[2] ?? "" };
}
