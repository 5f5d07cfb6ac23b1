import { Clapperboard } from "lucide-react";
import { useRef, useState } from "react";

import { useUploadCut, type ImportResult, type PreviewPage, type RowPreview } from "@/api/imports";
import { ErrorNote } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { CommitStep, ResultStep } from "@/features/import/components/commit-step";
import { ActionBadge, StepList } from "@/features/import/components/steps";
import { problemText } from "@/features/import/problem";

const STEPS = ["Upload cut", "Preview shots", "Commit"] as const;
const CODE_FROM: Record<string, string> = { locator: "locator", "clip name": "clip name", reel: "reel" };

function frames(value: unknown): string {
  return typeof value === "number" ? String(value) : "—";
}

/**
 * The editorial import: an EDL (CMX 3600) or an OpenTimelineIO file → a preview of the shots
 * it creates or updates, with cut in/out and duration from the cut → commit with a conflict
 * policy → result with undo. The server reads the cut (`io/editorial.py`); one row per clip.
 */
export function EditorialImport({ projectId }: { projectId: number }) {
  const [preview, setPreview] = useState<PreviewPage | null>(null);
  const [step, setStep] = useState(0);
  const [result, setResult] = useState<ImportResult | null>(null);
  const job = preview?.job ?? null;
  return (
    <>
      <StepList steps={STEPS} current={step} done={!!result} />
      {result && job ? (
        <ResultStep projectId={projectId} job={job} result={result} />
      ) : step === 0 || !preview || !job ? (
        <UploadCut projectId={projectId} onUploaded={(p) => { setPreview(p); setStep(1); }} />
      ) : step === 1 ? (
        <CutPreview preview={preview} onBack={() => setStep(0)} onNext={() => setStep(2)} />
      ) : (
        <CommitStep job={job} onBack={() => setStep(1)} onDone={setResult} />
      )}
    </>
  );
}

function UploadCut({ projectId, onUploaded }: { projectId: number; onUploaded: (p: PreviewPage) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadCut(projectId);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="max-w-2xl space-y-4">
      <div className="flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed border-line bg-surface p-10 text-center">
        <Clapperboard aria-hidden="true" className="size-7 text-faint" />
        <p className="text-sm text-fg">{file ? file.name : "Choose the editor's cut"}</p>
        <p className="text-xs text-muted">
          A CMX 3600 EDL or an OpenTimelineIO (.otio) timeline, at the project's frame rate. Each clip becomes a shot: its code
          from the clip's locator, else its clip name, else its reel.
        </p>
        <input
          ref={input}
          type="file"
          accept=".edl,.otio,text/plain,application/json"
          aria-label="EDL or OTIO file"
          className="sr-only"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>Choose a file…</Button>
      </div>
      {upload.isError && <ErrorNote>{problemText(upload.error)}</ErrorNote>}
      <Button disabled={!file || upload.isPending} onClick={() => file && upload.mutate(file, { onSuccess: onUploaded })}>
        {upload.isPending ? "Reading the cut…" : "Upload cut"}
      </Button>
    </div>
  );
}

function CutRow({ row }: { row: RowPreview }) {
  const d = row.detail ?? {};
  const code = typeof d.code === "string" ? d.code : null;
  const from = typeof d.code_from === "string" ? (CODE_FROM[d.code_from] ?? d.code_from) : "";
  const problems = Object.entries(row.errors).map(([c, m]) => `${c}: ${m}`).join("; ");
  return (
    <tr data-action={row.action} className="border-t border-line/60">
      <td className="px-3 py-1.5 text-xs text-muted tabular-nums">{row.row}</td>
      <td className="px-3 py-1.5"><ActionBadge action={row.action} /></td>
      <td className="px-3 py-1.5 font-mono text-xs">{code ?? "—"}{from && <span className="ml-2 font-sans text-faint">from {from}</span>}</td>
      <td className="px-3 py-1.5 text-right tabular-nums">{frames(d.cut_in)}</td>
      <td className="px-3 py-1.5 text-right tabular-nums">{frames(d.cut_out)}</td>
      <td className="px-3 py-1.5 text-right tabular-nums">{frames(d.duration)}</td>
      <td className="px-3 py-1.5 text-xs text-danger">{problems}</td>
    </tr>
  );
}

function CutPreview({ preview, onBack, onNext }: { preview: PreviewPage; onBack: () => void; onNext: () => void }) {
  const counts = (["new", "update", "unchanged", "error"] as const).map((a) => `${String(preview.summary[a] ?? 0)} ${a}`);
  return (
    <div className="flex max-w-5xl flex-col gap-3">
      <p className="text-sm text-muted">
        <span className="text-fg">{preview.job.file_name}</span> · {preview.total} clips · {counts.join(" · ")}
      </p>
      <div className="max-h-[26rem] overflow-auto rounded-lg border border-line bg-surface">
        <table aria-label="Cut preview" className="w-full text-sm">
          <thead className="sticky top-0 bg-surface-2 text-xs text-muted">
            <tr>
              <th className="px-3 py-2 text-left font-medium">Event</th>
              <th className="px-3 py-2 text-left font-medium">Action</th>
              <th className="px-3 py-2 text-left font-medium">Shot</th>
              <th className="px-3 py-2 text-right font-medium">Cut in</th>
              <th className="px-3 py-2 text-right font-medium">Cut out</th>
              <th className="px-3 py-2 text-right font-medium">Duration</th>
              <th className="px-3 py-2 text-left font-medium">Problems</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => <CutRow key={row.row} row={row} />)}
          </tbody>
        </table>
      </div>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>Back</Button>
        <Button className="ml-auto" onClick={onNext}>Continue</Button>
      </div>
    </div>
  );
}
