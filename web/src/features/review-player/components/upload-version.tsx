import { Upload as UploadIcon, X } from "lucide-react";
import { useRef, useState, type DragEvent } from "react";

import { isApiError } from "@/api/errors";
import { useCreateVersion } from "@/api/review";
import { uploadFile } from "@/api/uploads";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${String(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Drop files (or pick them), write a description, upload: each file goes up over tus
 * (resumable, with progress), then `POST /tasks/{id}/versions` makes the version. The
 * versions list then shows "Processing…" until the proxy is ready.
 */
export function UploadVersion({ taskId, projectId, onCreated }: { taskId: number; projectId: number; onCreated?: (versionId: number) => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [description, setDescription] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const create = useCreateVersion(taskId);
  const busy = progress !== null;

  const add = (list: FileList | null) => {
    if (!list?.length) return;
    setProblem(null);
    setFiles((f) => [...f, ...Array.from(list)].slice(0, 20));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!busy) add(e.dataTransfer.files);
  };

  const start = async () => {
    if (!files.length) return;
    setProblem(null);
    const controller = new AbortController();
    abort.current = controller;
    const total = files.reduce((s, f) => s + f.size, 0) || 1;
    let done = 0;
    setProgress(0);
    try {
      const ids: number[] = [];
      for (const file of files) {
        const id = await uploadFile(file, {
          projectId,
          signal: controller.signal,
          onProgress: (sent) => setProgress((done + sent) / total),
        });
        done += file.size;
        ids.push(id);
      }
      const version = await create.mutateAsync({ media_ids: ids, description: description.trim() || null });
      setFiles([]);
      setDescription("");
      onCreated?.(version.id);
    } catch (error) {
      setProblem(isApiError(error) ? error.message : "The upload failed.");
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  return (
    <section aria-label="Upload a version" className="space-y-2">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={cn("flex flex-col items-center justify-center gap-1 rounded-lg border border-dashed border-line px-4 py-4 text-center text-sm text-muted", over && "border-accent bg-accent/10 text-fg")}
      >
        <UploadIcon aria-hidden="true" className="size-5" />
        <p>
          Drop a movie, stills or an image sequence here, or{" "}
          <button type="button" className="font-medium text-accent hover:underline" onClick={() => input.current?.click()} disabled={busy}>
            choose files
          </button>
        </p>
        <input ref={input} type="file" multiple aria-label="Choose files" className="sr-only" onChange={(e) => { add(e.target.files); e.target.value = ""; }} />
      </div>
      {files.length > 0 && (
        <div className="space-y-2 rounded-lg border border-line bg-surface-2 p-3">
          <ul className="space-y-1 text-sm">
            {files.map((f, i) => (
              <li key={`${f.name}-${String(i)}`} className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate">{f.name}</span>
                <span className="text-xs text-muted tabular-nums">{size(f.size)}</span>
                {!busy && (
                  <button type="button" aria-label={`Remove ${f.name}`} onClick={() => setFiles((all) => all.filter((_, j) => j !== i))} className="text-muted hover:text-fg">
                    <X aria-hidden="true" className="size-3.5" />
                  </button>
                )}
              </li>
            ))}
          </ul>
          <input
            aria-label="Version description"
            placeholder="What changed in this version?"
            value={description}
            disabled={busy}
            onChange={(e) => setDescription(e.target.value)}
            className="h-8 w-full rounded-md border border-line bg-surface px-2 text-sm text-fg placeholder:text-faint focus:border-accent focus:outline-none"
          />
          {busy ? (
            <div className="flex items-center gap-2">
              <progress aria-label="Upload progress" max={1} value={progress} className="h-2 flex-1 accent-[var(--sl-accent)]" />
              <span className="w-10 text-right text-xs text-muted tabular-nums">{Math.round(progress * 100)}%</span>
              <Button size="sm" variant="ghost" onClick={() => abort.current?.abort()}>Cancel</Button>
            </div>
          ) : (
            <Button size="sm" onClick={() => void start()}>
              <UploadIcon aria-hidden="true" className="size-4" /> Upload version
            </Button>
          )}
        </div>
      )}
      {problem && <p role="alert" className="text-sm text-danger">{problem}</p>}
    </section>
  );
}
