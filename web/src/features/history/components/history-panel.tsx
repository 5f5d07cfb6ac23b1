import { useInfiniteQuery } from "@tanstack/react-query";
import { History, Undo2 } from "lucide-react";
import { useState } from "react";

import { isApiError } from "@/api/errors";
import { historyInfiniteOptions, useRevert, type HistoryEntity, type HistoryEntry, type RevertRequest } from "@/api/history";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { timeAgo } from "@/lib/time";

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const FIELD_LABELS: Record<string, string> = {
  status_id: "status",
  assignee_ids: "assignees",
  watcher_ids: "watchers",
  due_date: "due date",
  start_date: "start date",
  estimated_hours: "estimate",
  archived_at: "archived",
};

interface Problem {
  message: string;
  /** The request to repeat with `force` when the server allows it (409 on a single change or a batch). */
  retry: RevertRequest | null;
}

/**
 * A row's history from the event log: who, when, field old → new. Each change can be
 * reverted, the row put back to that point, and a batch (bulk edit, import) undone whole.
 * A 409 (fields changed again since) shows the server's message and offers to force.
 */
export function HistoryPanel({ entity, id }: { entity: HistoryEntity; id: number }) {
  const history = useInfiniteQuery(historyInfiniteOptions(entity, id));
  const revert = useRevert();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  function run(r: RevertRequest, what: string) {
    setProblem(null);
    setDone(null);
    revert.mutate(r, {
      onSuccess: () => setDone(what),
      onError: (error) => {
        const canForce = isApiError(error, 409) && r.kind !== "to-point";
        setProblem({
          message: isApiError(error) ? error.message : "Could not revert.",
          retry: canForce ? { ...r, force: true } : null,
        });
      },
    });
  }

  if (history.isPending) return <Loading label="Loading history…" />;
  if (history.isError) return <ErrorNote error={history.error} />;
  return (
    <div className="space-y-3">
      {problem && (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">
          <span>{problem.message}</span>
          <span className="flex gap-1">
            {problem.retry && (
              <Button variant="danger" size="sm" onClick={() => problem.retry && run(problem.retry, "Reverted (forced).")}>
                Revert anyway
              </Button>
            )}
            <Button variant="ghost" size="sm" onClick={() => setProblem(null)}>Dismiss</Button>
          </span>
        </div>
      )}
      {done && <p role="status" className="text-sm text-accent">{done}</p>}
      {items.length === 0 ? (
        <Empty title="No changes yet" />
      ) : (
        <ol aria-label="Changes" className="divide-y divide-line/60">
          {items.map((entry, index) => (
            <HistoryRow
              key={entry.event_id}
              entry={entry}
              latest={index === 0}
              busy={revert.isPending}
              onRevert={() => run({ kind: "event", eventId: entry.event_id }, "Change reverted.")}
              onRevertTo={() => run({ kind: "to-point", entity, id, eventId: entry.event_id }, "Put back to that point.")}
              onUndoBatch={(batchId) => run({ kind: "batch", batchId }, "Batch undone.")}
            />
          ))}
        </ol>
      )}
      {history.hasNextPage && (
        <Button variant="secondary" size="sm" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {history.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}

function HistoryRow({
  entry,
  latest,
  busy,
  onRevert,
  onRevertTo,
  onUndoBatch,
}: {
  entry: HistoryEntry;
  latest: boolean;
  busy: boolean;
  onRevert: () => void;
  onRevertTo: () => void;
  onUndoBatch: (batchId: string) => void;
}) {
  const revertible = entry.changes.length > 0 && !entry.verb.endsWith(".created");
  return (
    <li className="py-2.5" data-event-id={entry.event_id} aria-label={`Change ${String(entry.event_id)}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm">
          <span className="font-medium text-fg">{entry.actor_name ?? "Shotline"}</span>{" "}
          <span className="text-muted">{entry.verb.split(".").slice(1).join(".").replace("_", " ")}</span>{" "}
          <time dateTime={entry.created_at} title={new Date(entry.created_at).toLocaleString()} className="text-xs text-faint">
            {timeAgo(entry.created_at)}
          </time>
          {entry.batch_id && <span className="ml-2 rounded bg-surface-3 px-1.5 py-0.5 text-[10px] text-muted">batch</span>}
        </p>
        <span className="flex gap-1">
          {revertible && (
            <Button variant="ghost" size="sm" disabled={busy} onClick={onRevert}>
              <Undo2 aria-hidden="true" className="size-3.5" /> Revert this change
            </Button>
          )}
          {!latest && (
            <Button variant="ghost" size="sm" disabled={busy} onClick={onRevertTo}>
              <History aria-hidden="true" className="size-3.5" /> Revert to this point
            </Button>
          )}
          {entry.batch_id && (
            <Button variant="ghost" size="sm" disabled={busy} onClick={() => entry.batch_id && onUndoBatch(entry.batch_id)}>
              Undo the whole batch
            </Button>
          )}
        </span>
      </div>
      {entry.changes.length > 0 && (
        <dl className="mt-1 grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
          {entry.changes.map((c) => (
            <div key={c.field} className="contents">
              <dt className="text-muted">{FIELD_LABELS[c.field] ?? c.field.replace("_", " ")}</dt>
              <dd className="truncate font-mono">
                <span className="text-faint line-through">{show(c.old)}</span> <span aria-hidden="true">→</span>
                <span className="sr-only"> changed to </span> <span className="text-fg">{show(c.new)}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
