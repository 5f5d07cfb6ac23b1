import { useState } from "react";

import type { AccountRow } from "@/api/accounts";
import type { TaskStatusRead } from "@/api/projects";
import { useArchiveTasks, useBulkUpdateTasks } from "@/api/tasks";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { GridKind } from "@/features/grid/columns";
import { ApplyTemplate } from "@/features/grid/components/apply-template";

interface BatchToolbarProps {
  kind: GridKind;
  projectId: number;
  ids: number[];
  statuses: readonly TaskStatusRead[];
  accounts: readonly AccountRow[];
  onClear: () => void;
  onError: (error: unknown) => void;
  archiveEntities: (ids: number[]) => Promise<number>;
}

/** Acts on every selected row in one call (`POST /tasks/bulk-update`, a template's apply) or
 * archives them. */
export function BatchToolbar({ kind, projectId, ids, statuses, accounts, onClear, onError, archiveEntities }: BatchToolbarProps) {
  const bulk = useBulkUpdateTasks();
  const archiveTasks = useArchiveTasks();
  const [due, setDue] = useState("");
  const busy = bulk.isPending || archiveTasks.isPending;
  const done = { onSuccess: onClear, onError };

  return (
    <div role="toolbar" aria-label="Batch actions" className="flex flex-wrap items-center gap-2 rounded-md border border-accent/40 bg-accent/10 px-3 py-2 text-sm">
      <span className="font-medium">{ids.length} selected</span>
      {kind === "task" && (
        <>
          <Select aria-label="Set status" value="" disabled={busy}
            onChange={(e) => bulk.mutate({ task_ids: ids, set: { status_id: Number(e.target.value) } }, done)}>
            <option value="" disabled>Set status…</option>
            {statuses.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </Select>
          <Select aria-label="Assign to" value="" disabled={busy}
            onChange={(e) => bulk.mutate({ task_ids: ids, set: { assignee_ids: e.target.value === "none" ? [] : [Number(e.target.value)] } }, done)}>
            <option value="" disabled>Assign…</option>
            <option value="none">Unassigned</option>
            {accounts.filter((a) => a.role !== "client").map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </Select>
          <input type="date" aria-label="Due date for selected" value={due} onChange={(e) => setDue(e.target.value)}
            className="h-8 rounded-md border border-line bg-surface-2 px-2 text-sm text-fg" />
          <Button size="sm" variant="secondary" disabled={!due || busy}
            onClick={() => bulk.mutate({ task_ids: ids, set: { due_date: due } }, done)}>
            Set due date
          </Button>
        </>
      )}
      {kind !== "task" && <ApplyTemplate kind={kind} projectId={projectId} ids={ids} />}
      <Button size="sm" variant="danger" disabled={busy}
        onClick={() => {
          if (kind === "task") archiveTasks.mutate(ids, done);
          else archiveEntities(ids).then(onClear, onError);
        }}>
        Archive
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>Clear selection</Button>
    </div>
  );
}
