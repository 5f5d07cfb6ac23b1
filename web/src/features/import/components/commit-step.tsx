import { CheckCircle2, Undo2 } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";

import { useRevert } from "@/api/history";
import { useCommitImport, type ConflictPolicy, type ImportEntity, type ImportJob, type ImportResult } from "@/api/imports";
import { ErrorNote } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { problemText } from "@/features/import/problem";
import { cn } from "@/lib/cn";

/* The last steps of every import (CSV or editorial): choose the conflict policy and commit,
   then the result with "undo this import". */

const POLICIES: [ConflictPolicy, string, string][] = [
  ["skip", "Skip existing rows", "Create new rows; leave existing rows and rows with errors alone."],
  ["overwrite", "Overwrite existing rows", "Also update existing rows. Refused while any row has an error."],
  ["stop", "Stop on conflict", "Refuse if any row exists already or has an error."],
];

export function CommitStep({ job, onBack, onDone }: { job: ImportJob; onBack: () => void; onDone: (r: ImportResult) => void }) {
  const [policy, setPolicy] = useState<ConflictPolicy>("skip");
  const commit = useCommitImport(job.entity as ImportEntity);
  return (
    <div className="max-w-2xl space-y-4">
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium">When a row already exists</legend>
        {POLICIES.map(([value, label, help]) => (
          <label key={value} className={cn("flex cursor-pointer gap-3 rounded-lg border p-3", policy === value ? "border-accent bg-accent/5" : "border-line bg-surface")}>
            <input type="radio" name="policy" value={value} checked={policy === value} onChange={() => setPolicy(value)} aria-describedby={`policy-${value}`} />
            <span>
              <span className="block text-sm text-fg">{label}</span>
              <span id={`policy-${value}`} className="block text-xs text-muted">{help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {commit.isError && <ErrorNote>{problemText(commit.error)}</ErrorNote>}
      <p className="text-xs text-muted">One transaction: everything is written, or nothing. The import can be undone as a whole.</p>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>Back</Button>
        <Button disabled={commit.isPending} onClick={() => commit.mutate({ jobId: job.id, policy }, { onSuccess: onDone })}>
          {commit.isPending ? "Importing…" : "Import"}
        </Button>
      </div>
    </div>
  );
}

export function ResultStep({ projectId, job, result }: { projectId: number; job: ImportJob; result: ImportResult }) {
  const undo = useRevert();
  const facts: [string, number][] = [["Created", result.created], ["Updated", result.updated], ["Unchanged", result.unchanged], ["Skipped", result.skipped]];
  return (
    <div className="max-w-2xl space-y-4" role="region" aria-label="Import result">
      <p className="flex items-center gap-2 text-sm text-fg">
        <CheckCircle2 aria-hidden="true" className="size-5 text-accent" /> Import finished.
      </p>
      <dl className="grid grid-cols-4 gap-3">
        {facts.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-line bg-surface p-3">
            <dt className="text-xs text-muted">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        <Link to={`/projects/${String(projectId)}/${job.entity}s`} className="text-sm text-accent hover:underline">
          Open the {job.entity}s grid
        </Link>
        <Button
          variant="secondary"
          size="sm"
          disabled={undo.isPending || undo.isSuccess}
          onClick={() => undo.mutate({ kind: "batch", batchId: result.batch_id })}
        >
          <Undo2 aria-hidden="true" className="size-3.5" /> {undo.isSuccess ? "Import undone" : "Undo this import"}
        </Button>
      </div>
      {undo.isError && <ErrorNote>{problemText(undo.error)}</ErrorNote>}
      <p className="text-xs text-faint">Batch {result.batch_id}</p>
    </div>
  );
}
