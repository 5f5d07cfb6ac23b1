import { useState } from "react";

import { isApiError } from "@/api/errors";
import { useCreateNote, type Shape } from "@/api/review";
import { Button } from "@/components/ui/button";
import { toAnnotation } from "@/features/review-player/annotation";
import { NoteComposer } from "@/features/review-player/components/note-composer";

interface Props {
  versionId: number;
  frameNumber: number;
  /** The shapes drawn on the picture, saved with the note. */
  draft: readonly Shape[];
  onSaved: (noteId: number) => void;
}

/** Write a note on the frame shown, with the drawing in progress ("Save note at 1014"). */
export function FrameNoteForm({ versionId, frameNumber, draft, onSaved }: Props) {
  const createNote = useCreateNote("versions", versionId);
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const save = () => {
    setProblem(null);
    const text = body.trim() || (draft.length ? `Drawing on frame ${String(frameNumber)}` : "");
    if (!text) return;
    createNote.mutate(
      { body: text, frame_in: frameNumber, annotation: toAnnotation(draft), visibility: "internal", attachment_ids: [] },
      {
        onSuccess: (note) => {
          setBody("");
          onSaved(note.id);
        },
        onError: (error) => setProblem(isApiError(error) ? error.message : "Could not save the note."),
      },
    );
  };
  return (
    <section aria-label="Write a note" className="space-y-2 rounded-lg border border-line bg-surface p-3">
      <NoteComposer label={`Note on frame ${String(frameNumber)}`} placeholder="Note on this frame — @ to mention" value={body} onChange={setBody} onSubmit={save} />
      <div className="flex items-center gap-2">
        <Button size="sm" onClick={save} disabled={createNote.isPending || (!body.trim() && !draft.length)}>
          Save note at {frameNumber}
        </Button>
        {draft.length > 0 && <span className="text-xs text-muted">{draft.length} shape{draft.length > 1 ? "s" : ""} drawn</span>}
      </div>
      {problem && <p role="alert" className="text-sm text-danger">{problem}</p>}
    </section>
  );
}
