import { useQuery } from "@tanstack/react-query";

import { accountsQueryOptions } from "@/api/accounts";
import type { AccountRead } from "@/api/auth";
import type { NoteRead } from "@/api/review";
import { NoteItem } from "@/features/review-player/components/note-item";

interface Props {
  notes: readonly NoteRead[];
  /** Frame-number → timecode label, for notes with a frame. */
  timecodeOf?: (frame: number) => string;
  onSelect?: (note: NoteRead) => void;
  selectedId?: number | null;
  empty?: string;
  /** The signed-in account: shows Reply, and Edit/Delete where allowed. */
  account?: AccountRead;
}

/** A thread list: author, when, frame + timecode (version notes), text; replies indented. */
export function NotesList({ notes, timecodeOf, onSelect, selectedId, empty = "No notes yet.", account }: Props) {
  const accounts = useQuery(accountsQueryOptions());
  const nameOf = (note: NoteRead) =>
    note.guest_name ?? accounts.data?.find((a) => a.id === note.author_id)?.name ?? (note.author_id === null ? "Someone" : `#${String(note.author_id)}`);
  if (notes.length === 0) return <p className="py-3 text-sm text-muted">{empty}</p>;
  return (
    <ul aria-label="Notes" className="space-y-1">
      {notes.map((n) => (
        <NoteItem key={n.id} note={n} depth={0} nameOf={nameOf} timecodeOf={timecodeOf} onSelect={onSelect} selectedId={selectedId ?? null} account={account} />
      ))}
    </ul>
  );
}
