import { useQuery } from "@tanstack/react-query";
import { observeElementRect, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { FileUp } from "lucide-react";
import { useRef, useState, type DragEvent } from "react";

import {
  IMPORT_FIELDS,
  IMPORT_KEYS,
  previewQueryOptions,
  useSaveMapping,
  useUploadImport,
  type ImportEntity,
  type ImportJob,
  type ImportResult,
  type PreviewAction,
  type RowPreview,
} from "@/api/imports";
import { ErrorNote } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { CommitStep, ResultStep } from "@/features/import/components/commit-step";
import { ActionBadge, StepList } from "@/features/import/components/steps";
import { problemText } from "@/features/import/problem";
import { cn } from "@/lib/cn";

const STEPS = ["Upload", "Match columns", "Validate & preview", "Commit"] as const;
const PREVIEW_PAGE = 500;
const ROW_HEIGHT = 44;
const ENTITY_LABEL: Record<ImportEntity, string> = { shot: "Shots", asset: "Assets", task: "Tasks" };
const KEY_LABEL: Record<string, string> = {
  code: "Code (natural key)",
  id: "Shotline id",
  parent_type: "Shot/asset + task type",
};

/** The CSV import: upload → match columns → validate & preview → commit → result. */
export function ImportWizard({ projectId }: { projectId: number }) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [step, setStep] = useState(0);
  const [result, setResult] = useState<ImportResult | null>(null);
  return (
    <>
      <StepList steps={STEPS} current={step} done={!!result} />
      {result && job ? (
        <ResultStep projectId={projectId} job={job} result={result} />
      ) : step === 0 || !job ? (
        <UploadStep projectId={projectId} onUploaded={(j) => { setJob(j); setStep(1); }} />
      ) : step === 1 ? (
        <MappingStep job={job} onBack={() => setStep(0)} onSaved={(j) => { setJob(j); setStep(2); }} />
      ) : step === 2 ? (
        <PreviewStep job={job} onBack={() => setStep(1)} onNext={() => setStep(3)} />
      ) : (
        <CommitStep job={job} onBack={() => setStep(2)} onDone={setResult} />
      )}
    </>
  );
}

function UploadStep({ projectId, onUploaded }: { projectId: number; onUploaded: (job: ImportJob) => void }) {
  const [entity, setEntity] = useState<ImportEntity>("shot");
  const [dateFormat, setDateFormat] = useState<"dmy" | "mdy">("dmy");
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const upload = useUploadImport(projectId);
  const input = useRef<HTMLInputElement>(null);
  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) setFile(f);
  }
  return (
    <div className="max-w-2xl space-y-4">
      <div className="flex flex-wrap gap-4">
        <label className="flex items-center gap-2 text-sm">
          Import
          <Select aria-label="What to import" value={entity} onChange={(e) => setEntity(e.target.value as ImportEntity)}>
            {(Object.keys(ENTITY_LABEL) as ImportEntity[]).map((k) => <option key={k} value={k}>{ENTITY_LABEL[k]}</option>)}
          </Select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          Dates like 01/02/2026 are
          <Select aria-label="Date format" value={dateFormat} onChange={(e) => setDateFormat(e.target.value as "dmy" | "mdy")}>
            <option value="dmy">day/month</option>
            <option value="mdy">month/day</option>
          </Select>
        </label>
      </div>
      <div
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        className={cn(
          "flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed p-10 text-center",
          over ? "border-accent bg-accent/5" : "border-line bg-surface",
        )}
      >
        <FileUp aria-hidden="true" className="size-7 text-faint" />
        <p className="text-sm text-fg">{file ? file.name : "Drop a CSV file here"}</p>
        <p className="text-xs text-muted">UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab; at most 20 MB.</p>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          aria-label="CSV file"
          className="sr-only"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>Choose a file…</Button>
      </div>
      {upload.isError && <ErrorNote>{problemText(upload.error)}</ErrorNote>}
      <Button
        disabled={!file || upload.isPending}
        onClick={() => file && upload.mutate({ file, entity, dateFormat }, { onSuccess: onUploaded })}
      >
        {upload.isPending ? "Uploading…" : "Upload"}
      </Button>
    </div>
  );
}

function MappingStep({ job, onBack, onSaved }: { job: ImportJob; onBack: () => void; onSaved: (job: ImportJob) => void }) {
  const entity = job.entity as ImportEntity;
  const [columns, setColumns] = useState<Record<string, string>>(() =>
    Object.fromEntries(job.columns.map((c) => [c, job.mapping[c] ?? ""])),
  );
  const [key, setKey] = useState(job.key);
  const save = useSaveMapping();
  const fields = [...new Set([...IMPORT_FIELDS[entity], ...Object.values(job.mapping)])];
  const used = Object.values(columns).filter(Boolean);
  const duplicate = used.find((f, i) => used.indexOf(f) !== i);
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm text-muted">
        <span className="text-fg">{job.file_name}</span> · {job.row_count} rows · {job.encoding} · delimiter “{job.delimiter === "\t" ? "tab" : job.delimiter}”
      </p>
      <div className="overflow-hidden rounded-xl border border-line bg-surface">
        <table className="w-full text-sm">
          <thead className="bg-surface-2 text-xs text-muted">
            <tr><th className="px-4 py-2 text-left font-medium">CSV column</th><th className="px-4 py-2 text-left font-medium">Shotline field</th></tr>
          </thead>
          <tbody>
            {job.columns.map((c) => (
              <tr key={c} className="border-t border-line/60">
                <td className="px-4 py-1.5 font-mono text-xs">{c}</td>
                <td className="px-4 py-1.5">
                  <Select aria-label={`Field for ${c}`} value={columns[c] ?? ""} onChange={(e) => setColumns((m) => ({ ...m, [c]: e.target.value }))}>
                    <option value="">— ignore —</option>
                    {fields.map((f) => <option key={f} value={f}>{f}</option>)}
                  </Select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="flex items-center gap-2 text-sm">
        Match existing rows by
        <Select aria-label="Key" value={key} onChange={(e) => setKey(e.target.value)}>
          {IMPORT_KEYS[entity].map((k) => <option key={k} value={k}>{KEY_LABEL[k] ?? k}</option>)}
        </Select>
      </label>
      {duplicate && <ErrorNote>Two columns fill “{duplicate}”. Pick one.</ErrorNote>}
      {save.isError && <ErrorNote>{problemText(save.error)}</ErrorNote>}
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>Back</Button>
        <Button
          disabled={save.isPending || !!duplicate}
          onClick={() =>
            save.mutate(
              { jobId: job.id, key, columns: Object.fromEntries(Object.entries(columns).map(([c, f]) => [c, f || null])) },
              { onSuccess: onSaved },
            )
          }
        >
          {save.isPending ? "Saving…" : "Validate"}
        </Button>
      </div>
    </div>
  );
}

/** Happy-dom (tests) measures 0×0; fall back to a laptop-sized viewport then. */
function observeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => {
    cb(rect.height > 0 ? rect : { width: rect.width || 1200, height: 480 });
  });
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function PreviewRowView({ row }: { row: RowPreview }) {
  const errors = Object.entries(row.errors);
  const changes = Object.entries(row.changes);
  return (
    <>
      <span className="text-xs text-muted tabular-nums">{row.row}</span>
      <span><ActionBadge action={row.action} /></span>
      <span className="min-w-0 truncate text-xs" title={[...errors.map(([c, m]) => `${c}: ${m}`), ...changes.map(([f, v]) => `${f}: ${cell(v[0])} → ${cell(v[1])}`)].join("\n")}>
        {errors.length > 0
          ? errors.map(([c, m]) => <span key={c} className="mr-3 text-danger"><span className="font-medium">{c}</span>: {m}</span>)
          : changes.map(([f, v]) => (
              <span key={f} className="mr-3 text-muted">
                <span className="text-fg">{f}</span> {row.action === "update" && <><span className="line-through">{cell(v[0])}</span> → </>}
                {cell(v[1] ?? v[0])}
              </span>
            ))}
      </span>
    </>
  );
}

function PreviewStep({ job, onBack, onNext }: { job: ImportJob; onBack: () => void; onNext: () => void }) {
  const [action, setAction] = useState<PreviewAction | "">("");
  const [page, setPage] = useState(1);
  const preview = useQuery(previewQueryOptions(job.id, page, PREVIEW_PAGE, action));
  const all = useQuery(previewQueryOptions(job.id, 1, 1, ""));
  const summary = all.data?.summary ?? preview.data?.summary ?? {};
  const rows = preview.data?.rows ?? [];
  const total = preview.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PREVIEW_PAGE));
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the one source of row positions
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    observeElementRect: observeRect,
  });
  const filters: [PreviewAction | "", string][] = [["", "All"], ["new", "New"], ["update", "Update"], ["unchanged", "Unchanged"], ["error", "Errors"]];
  const template = "4rem 6rem minmax(0,1fr)";
  return (
    <div className="flex max-w-5xl flex-col gap-3">
      <div role="group" aria-label="Filter rows by action" className="flex flex-wrap items-center gap-1">
        {filters.map(([value, label]) => {
          const count = value === "" ? Object.values(summary).reduce((a, b) => a + b, 0) : (summary[value] ?? 0);
          return (
            <Button key={value} size="sm" variant={action === value ? "primary" : "secondary"} aria-pressed={action === value}
              onClick={() => { setAction(value); setPage(1); }}>
              {label} <span className="tabular-nums opacity-80">{count}</span>
            </Button>
          );
        })}
        {(preview.data?.ignored_columns.length ?? 0) > 0 && (
          <span className="ml-2 text-xs text-muted">Ignored columns: {preview.data?.ignored_columns.join(", ")}</span>
        )}
      </div>
      {preview.isError && <ErrorNote>{problemText(preview.error)}</ErrorNote>}
      <div
        ref={scrollRef}
        role="table"
        aria-label="Import preview"
        aria-busy={preview.isFetching}
        className="h-[26rem] overflow-auto rounded-lg border border-line bg-surface"
      >
        <div role="row" className="sticky top-0 z-10 grid h-8 items-center gap-2 border-b border-line bg-surface-2 px-3 text-xs font-medium text-muted" style={{ gridTemplateColumns: template }}>
          <span role="columnheader">Row</span><span role="columnheader">Action</span><span role="columnheader">Changes / problems</span>
        </div>
        {preview.isPending ? (
          <p className="p-4 text-sm text-muted">Validating…</p>
        ) : rows.length === 0 ? (
          <p className="p-6 text-center text-sm text-muted">No rows{action ? ` marked ${action}` : ""}.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={row.row}
                  role="row"
                  data-action={row.action}
                  className="absolute left-0 grid w-full items-center gap-2 border-b border-line/50 px-3 text-sm"
                  style={{ height: ROW_HEIGHT, transform: `translateY(${String(item.start)}px)`, gridTemplateColumns: template }}
                >
                  <PreviewRowView row={row} />
                </div>
              );
            })}
          </div>
        )}
      </div>
      <div className="flex items-center gap-2">
        <Button variant="secondary" onClick={onBack}>Back</Button>
        {pages > 1 && (
          <span className="flex items-center gap-1 text-xs text-muted">
            <Button size="sm" variant="ghost" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Previous</Button>
            Page {page} of {pages}
            <Button size="sm" variant="ghost" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>Next</Button>
          </span>
        )}
        <Button className="ml-auto" disabled={preview.isPending} onClick={onNext}>Continue</Button>
      </div>
    </div>
  );
}
