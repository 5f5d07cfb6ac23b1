import { PenLine } from "lucide-react";
import { useState } from "react";

import type { AccountRead } from "@/api/auth";
import { isApiError } from "@/api/errors";
import { canArchiveNote, canEditNote, noteTarget, useArchiveNote, useCreateNote, useUpdateNote, type NoteRead } from "@/api/review";
import { Button } from "@/components/ui/button";
import { NoteBody } from "@/features/review-player/components/note-body";
import { NoteComposer } from "@/features/review-player/components/note-composer";
import { formatWhen } from "@/features/review-player/format";
import { cn } from "@/lib/cn";

interface Props {
  note: NoteRead;
  depth: number;
  nameOf: (note: NoteRead) => string;
  timecodeOf?: (frame: number) => string;
  onSelect?: (note: NoteRead) => void;
  selectedId: number | null;
  account?: AccountRead;
}

function problemOf(error: unknown): string {
  if (isApiError(error, 412)) return "Someone changed this note meanwhile; it was reloaded. Edit it again.";
  if (isApiError(error)) return error.fields.body ?? error.message;
  return "Could not save.";
}

const linkButton = "rounded px-1.5 py-0.5 text-xs text-muted hover:bg-surface-3 hover:text-fg";

/** A text box with Save/Cancel under a note: a reply or an edit. */
function InlineForm({ label, initial, submit, pending, onDone }: { label: string; initial: string; submit: string; pending: boolean; onDone: (text: string | null) => void }) {
  const [text, setText] = useState(initial);
  const send = () => text.trim() && onDone(text.trim());
  return (
    <div className="mt-1 space-y-1.5 px-2">
      <NoteComposer label={label} value={text} onChange={setText} onSubmit={send} rows={2} />
      <div className="flex gap-2">
        <Button size="sm" onClick={send} disabled={pending || !text.trim()}>
          {submit}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/**
 * One note of a thread: author, when, frame + timecode, text, and (signed in) Reply for
 * everyone, Edit for its author, Delete for its author and supervisors; replies below, indented.
 */
export function NoteItem({ note, depth, nameOf, timecodeOf, onSelect, selectedId, account }: Props) {
  const target = noteTarget(note);
  const reply = useCreateNote(target ?? "tasks", note.target_id);
  const update = useUpdateNote();
  const archive = useArchiveNote();
  const [mode, setMode] = useState<"reply" | "edit" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = nameOf(note);
  const clickable = onSelect && note.frame_in !== null;
  const edited = note.row_version > 1;

  const done = (text: string | null) => {
    setProblem(null);
    if (text === null) {
      setMode(null);
      return;
    }
    const onError = (error: unknown) => setProblem(problemOf(error));
    if (mode === "edit") update.mutate({ note, body: text }, { onSuccess: () => setMode(null), onError });
    else reply.mutate({ body: text, parent_id: note.id, visibility: "internal", attachment_ids: [] }, { onSuccess: () => setMode(null), onError });
  };

  const head = (
    <div className="flex items-center gap-2 text-xs text-muted">
      <span className="font-medium text-fg">{name}</span>
      <span>{formatWhen(note.created_at)}</span>
      {edited && <span className="text-faint">(edited)</span>}
      {note.frame_in !== null && (
        <span className="ml-auto inline-flex items-center gap-1 rounded bg-surface-3 px-1.5 py-0.5 font-mono text-[11px] text-fg tabular-nums">
          {note.annotation && <PenLine aria-label="with a drawing" className="size-3" />}
          {note.frame_in}
          {timecodeOf && <span className="text-muted">{timecodeOf(note.frame_in)}</span>}
        </span>
      )}
    </div>
  );
  const content = (
    <>
      {head}
      {mode !== "edit" && <NoteBody body={note.body} />}
    </>
  );
  return (
    <li data-note-id={note.id} className={cn(depth > 0 && "ml-4 border-l border-line pl-3")}>
      {clickable ? (
        <button
          type="button"
          onClick={() => onSelect(note)}
          aria-label={`Note at frame ${String(note.frame_in)}: ${note.body.slice(0, 60)}`}
          aria-pressed={selectedId === note.id}
          className={cn("w-full rounded-md px-2 py-2 text-left hover:bg-surface-2", selectedId === note.id && "bg-surface-2 ring-1 ring-accent/50")}
        >
          {content}
        </button>
      ) : (
        <div className="px-2 py-2">{content}</div>
      )}
      {mode === "edit" && <InlineForm label="Edit note text" initial={note.body} submit="Save" pending={update.isPending} onDone={done} />}
      {account && target && mode === null && (
        <div className="flex gap-1 px-1">
          <button type="button" className={linkButton} aria-label={`Reply to ${name}`} onClick={() => setMode("reply")}>
            Reply
          </button>
          {canEditNote(note, account) && (
            <button type="button" className={linkButton} aria-label="Edit note" onClick={() => setMode("edit")}>
              Edit
            </button>
          )}
          {canArchiveNote(note, account) && (
            <button type="button" className={linkButton} aria-label="Delete note" disabled={archive.isPending} onClick={() => archive.mutate(note, { onError: (e) => setProblem(problemOf(e)) })}>
              Delete
            </button>
          )}
        </div>
      )}
      {mode === "reply" && <InlineForm label={`Your reply to ${name}`} initial="" submit="Send reply" pending={reply.isPending} onDone={done} />}
      {problem && (
        <p role="alert" className="px-2 text-sm text-danger">
          {problem}
        </p>
      )}
      {note.replies && note.replies.length > 0 && (
        <ul>
          {note.replies.map((r) => (
            <NoteItem key={r.id} note={r} depth={depth + 1} nameOf={nameOf} timecodeOf={timecodeOf} onSelect={onSelect} selectedId={selectedId} account={account} />
          ))}
        </ul>
      )}
    </li>
  );
}
