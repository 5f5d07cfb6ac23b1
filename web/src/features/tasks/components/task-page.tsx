import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";

import { accountsQueryOptions } from "@/api/accounts";
import type { AccountRead } from "@/api/auth";
import { assetQueryOptions, shotQueryOptions } from "@/api/entities";
import { isApiError } from "@/api/errors";
import { statusesQueryOptions, taskTypesQueryOptions } from "@/api/projects";
import { taskQueryOptions, useAssignTask, useUpdateTask, useWatchTask, type TaskRead, type TaskUpdate } from "@/api/tasks";
import { ErrorNote, isOverdue, Loading, PRIORITY_LABELS } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { ApprovalHistory, TaskPlayer, TaskReview } from "@/features/tasks/components/task-review";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_minmax(0,1fr)] items-center gap-3 py-1.5">
      <span className="text-xs text-muted">{label}</span>
      <div className="min-w-0 text-sm">{children}</div>
    </div>
  );
}

export function TaskPage({ taskId, account }: { taskId: number; account: AccountRead }) {
  const task = useQuery(taskQueryOptions(taskId));
  if (task.isPending) return <Loading />;
  if (task.isError) return <div className="p-6"><ErrorNote error={task.error} /></div>;
  return <TaskDetails task={task.data} account={account} />;
}

function TaskDetails({ task, account }: { task: TaskRead; account: AccountRead }) {
  const statuses = useQuery(statusesQueryOptions(task.project_id));
  const accounts = useQuery(accountsQueryOptions());
  const types = useQuery(taskTypesQueryOptions());
  const shot = useQuery({ ...shotQueryOptions(task.shot_id ?? 0), enabled: task.shot_id !== null });
  const asset = useQuery({ ...assetQueryOptions(task.asset_id ?? 0), enabled: task.asset_id !== null });
  const update = useUpdateTask();
  const assign = useAssignTask();
  const watch = useWatchTask();
  const [problem, setProblem] = useState<string | null>(null);
  const nameOf = (id: number) => accounts.data?.find((a) => a.id === id)?.name ?? `#${String(id)}`;
  const status = statuses.data?.find((s) => s.id === task.status_id);
  const type = types.data?.find((t) => t.id === task.task_type_id);
  const watching = task.watcher_ids.includes(account.id);
  const onError = (error: unknown) =>
    setProblem(
      isApiError(error, 412)
        ? "This task was changed by someone else — reload to see the latest."
        : isApiError(error) ? error.message : "Could not save.",
    );
  const save = (set: TaskUpdate) => {
    setProblem(null);
    update.mutate({ id: task.id, rowVersion: task.row_version, set }, { onError });
  };
  const parent = task.shot_id !== null
    ? { label: shot.data?.code ?? "Shot", to: `/projects/${String(task.project_id)}/shots/${String(task.shot_id)}` }
    : { label: asset.data?.code ?? "Asset", to: `/projects/${String(task.project_id)}/assets/${String(task.asset_id ?? 0)}` };

  return (
    <main className="mx-auto w-full max-w-screen-xl px-4 py-6 sm:px-6">
      <title>{`${task.title} · Shotline`}</title>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link to={`/projects/${String(task.project_id)}/tasks`} className="hover:text-fg">Tasks</Link> /{" "}
        <Link to={parent.to} className="font-mono hover:text-fg">{parent.label}</Link>
      </nav>
      <h1 className="mb-4 text-2xl font-semibold tracking-tight">
        {task.title} <span className="text-base font-normal text-muted">{type?.name}</span>
      </h1>
      {problem && (
        <div role="alert" className="mb-4 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">{problem}</div>
      )}
      <TaskPlayer task={task} account={account} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(18rem,1fr)]">
        <div className="space-y-4">
          <TaskReview task={task} account={account} />
          <Card className="p-5">
            <h2 className="text-sm font-semibold">Description</h2>
            <p className="mt-1 text-sm whitespace-pre-wrap text-muted">{task.description ?? "No description."}</p>
          </Card>
        </div>
        <div className="space-y-4">
        <Card className="h-fit p-5">
          <Field label="Status">
            <Select aria-label="Status" value={task.status_id} onChange={(e) => save({ status_id: Number(e.target.value) })}>
              {(statuses.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </Select>
            {status && <span aria-hidden="true" className="ml-2 inline-block size-2.5 rounded-full" style={{ background: status.color }} />}
          </Field>
          <Field label="Assignee">
            <Select
              aria-label="Assignee"
              value={task.assignee_ids[0] ?? ""}
              onChange={(e) => {
                setProblem(null);
                assign.mutate({ id: task.id, rowVersion: task.row_version, assigneeIds: e.target.value ? [Number(e.target.value)] : [] }, { onError });
              }}
            >
              <option value="">Unassigned</option>
              {(accounts.data ?? []).filter((a) => a.role !== "client").map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </Select>
            {task.assignee_ids.length > 1 && <p className="mt-1 text-xs text-muted">{task.assignee_ids.map(nameOf).join(", ")}</p>}
          </Field>
          <Field label="Due date">
            <input
              type="date"
              aria-label="Due date"
              defaultValue={task.due_date ?? ""}
              key={task.row_version}
              onBlur={(e) => e.target.value !== (task.due_date ?? "") && save({ due_date: e.target.value || null })}
              className={`h-8 rounded-md border border-line bg-surface-2 px-2 text-sm ${isOverdue(task.due_date, status?.category === "done") ? "text-danger" : "text-fg"}`}
            />
          </Field>
          <Field label="Priority">
            <Select aria-label="Priority" value={task.priority} onChange={(e) => save({ priority: Number(e.target.value) })}>
              {PRIORITY_LABELS.map((p, i) => <option key={p} value={i}>{p}</option>)}
            </Select>
          </Field>
          <Field label="Estimate">{task.estimated_hours === null ? "—" : `${String(task.estimated_hours)} h`}</Field>
          <Field label="Supervisor">{task.supervisor_id === null ? "—" : nameOf(task.supervisor_id)}</Field>
          <Field label="Watchers">
            <span className="text-muted">{task.watcher_ids.length ? task.watcher_ids.map(nameOf).join(", ") : "Nobody yet"}</span>
          </Field>
          <Button
            variant="secondary"
            size="sm"
            className="mt-2"
            onClick={() => watch.mutate({ id: task.id, accountId: account.id, watch: !watching }, { onError })}
          >
            {watching ? "Stop watching" : "Watch this task"}
          </Button>
        </Card>
        <ApprovalHistory taskId={task.id} />
        </div>
      </div>
    </main>
  );
}
