import { useQuery } from "@tanstack/react-query";
import { PenLine } from "lucide-react";

import { accountsQueryOptions } from "@/api/accounts";
import type { NoteRead } from "@/api/review";
import { formatWhen } from "@/features/review-player/format";
import { NoteBody } from "@/features/review-player/components/note-body";
import { cn } from "@/lib/cn";

interface Props {
  notes: readonly NoteRead[];
  /** Frame-number → timecode label, for notes with a frame. */
  timecodeOf?: (frame: number) => string;
  onSelect?: (note: NoteRead) => void;
  selectedId?: number | null;
  empty?: string;
}

/** A thread list: author, when, frame + timecode (version notes), text; replies indented. */
export function NotesList({ notes, timecodeOf, onSelect, selectedId, empty = "No notes yet." }: Props) {
  const accounts = useQuery(accountsQueryOptions());
  const nameOf = (note: NoteRead) =>
    note.guest_name ?? accounts.data?.find((a) => a.id === note.author_id)?.name ?? (note.author_id === null ? "Someone" : `#${String(note.author_id)}`);
  if (notes.length === 0) return <p className="py-3 text-sm text-muted">{empty}</p>;
  const item = (note: NoteRead, depth: number) => {
    const clickable = onSelect && note.frame_in !== null;
    const head = (
      <div className="flex items-center gap-2 text-xs text-muted">
        <span className="font-medium text-fg">{nameOf(note)}</span>
        <span>{formatWhen(note.created_at)}</span>
        {note.frame_in !== null && (
          <span className="ml-auto inline-flex items-center gap-1 rounded bg-surface-3 px-1.5 py-0.5 font-mono text-[11px] text-fg tabular-nums">
            {note.annotation && <PenLine aria-label="with a drawing" className="size-3" />}
            {note.frame_in}
            {timecodeOf && <span className="text-muted">{timecodeOf(note.frame_in)}</span>}
          </span>
        )}
      </div>
    );
    return (
      <li key={note.id} className={cn(depth > 0 && "ml-4 border-l border-line pl-3")}>
        {clickable ? (
          <button
            type="button"
            onClick={() => onSelect(note)}
            aria-label={`Note at frame ${String(note.frame_in)}: ${note.body.slice(0, 60)}`}
            aria-pressed={selectedId === note.id}
            className={cn("w-full rounded-md px-2 py-2 text-left hover:bg-surface-2", selectedId === note.id && "bg-surface-2 ring-1 ring-accent/50")}
          >
            {head}
            <NoteBody body={note.body} />
          </button>
        ) : (
          <div className="px-2 py-2">
            {head}
            <NoteBody body={note.body} />
          </div>
        )}
        {note.replies && note.replies.length > 0 && <ul>{note.replies.map((r) => item(r, depth + 1))}</ul>}
      </li>
    );
  };
  return <ul aria-label="Notes" className="space-y-1">{notes.map((n) => item(n, 0))}</ul>;
}
