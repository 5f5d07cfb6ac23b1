import { PenLine } from "lucide-react";

import type { ClientNoteRead } from "@/api/share";
import { NoteBody } from "@/features/review-player/components/note-body";
import { formatWhen } from "@/features/review-player/format";
import { cn } from "@/lib/cn";

/** Client-visible notes: the guest's name (or "Studio"/"You" for accounts), when, frame. */
export function ClientNotes({ notes, selectedId, onSelect }: { notes: readonly ClientNoteRead[]; selectedId: number | null; onSelect: (note: ClientNoteRead) => void }) {
  if (notes.length === 0) return <p className="px-2 py-3 text-sm text-muted">No notes yet. Pause on a frame, draw, and write one.</p>;
  const item = (note: ClientNoteRead, depth: number) => (
    <li key={note.id} className={cn(depth > 0 && "ml-4 border-l border-line pl-3")}>
      <button
        type="button"
        onClick={() => onSelect(note)}
        aria-pressed={selectedId === note.id}
        aria-label={`${note.frame_in !== null ? `Note at frame ${String(note.frame_in)}` : "Note"}: ${note.body.slice(0, 60)}`}
        className={cn("w-full rounded-md px-2 py-2 text-left hover:bg-surface-2", selectedId === note.id && "bg-surface-2 ring-1 ring-accent/50")}
      >
        <span className="flex items-center gap-2 text-xs text-muted">
          <span className="font-medium text-fg">{note.guest_name ?? (note.author_id === null ? "Client" : "Studio")}</span>
          <span>{formatWhen(note.created_at)}</span>
          {note.frame_in !== null && (
            <span className="ml-auto inline-flex items-center gap-1 rounded bg-surface-3 px-1.5 py-0.5 font-mono text-[11px] text-fg tabular-nums">
              {note.annotation && <PenLine aria-label="with a drawing" className="size-3" />}
              {note.frame_in}
            </span>
          )}
        </span>
        <NoteBody body={note.body} />
      </button>
      {note.replies && note.replies.length > 0 && <ul>{note.replies.map((r) => item(r, depth + 1))}</ul>}
    </li>
  );
  return <ul aria-label="Notes" className="space-y-1">{notes.map((n) => item(n, 0))}</ul>;
}
