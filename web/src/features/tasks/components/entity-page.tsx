import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";

import { assetQueryOptions, shotQueryOptions, type EntityKind } from "@/api/entities";
import { api } from "@/api/client";
import { isApiError, unwrap } from "@/api/errors";
import { str } from "@/api/lists";
import { taskTypesQueryOptions } from "@/api/projects";
import { ENTITY_TASK_FIELDS, invalidateTaskLists, projectTasksQueryOptions } from "@/api/tasks";
import { Button } from "@/components/ui/button";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { Card } from "@/components/ui/card";
import { TaskShareMenu } from "@/features/share";
import { LatestVersions } from "@/features/tasks/components/latest-versions";
import { TaskRows } from "@/features/tasks/components/task-rows";

function Facts({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs text-muted">{label}</dt>
          <dd className="text-sm">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

const QUICK_ADD: Record<EntityKind, readonly string[]> = {
  shot: ["TRACK", "ROTO", "COMP"],
  asset: ["MODEL", "TEXTURE", "RIG"],
};

/** "Add Track / Add Roto / Add Comp" (or Model / Texture / Rig): one click per missing task type. */
function QuickAdd({ kind, id, existing }: { kind: EntityKind; id: number; existing: ReadonlySet<string> }) {
  const qc = useQueryClient();
  const types = useQuery(taskTypesQueryOptions());
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (taskTypeId: number) =>
      unwrap(api.POST("/api/v1/tasks", { body: { task_type_id: taskTypeId, priority: 2, sort_order: 0, custom: {}, ...(kind === "shot" ? { shot_id: id } : { asset_id: id }) } })),
    onMutate: () => setError(null),
    onError: (e) => setError(isApiError(e) ? e.message : "Could not add the task."),
    onSettled: () => invalidateTaskLists(qc),
  });
  const missing = QUICK_ADD[kind]
    .map((code) => types.data?.find((t) => t.code === code))
    .filter((t): t is NonNullable<typeof t> => t !== undefined && !existing.has(t.code));
  if (missing.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Quick add">
      {missing.map((t) => (
        <Button
          key={t.id}
          size="sm"
          variant="secondary"
          disabled={add.isPending && add.variables === t.id}
          onClick={() => add.mutate(t.id)}
        >
          <Plus aria-hidden="true" className="size-3.5" />
          Add {t.name}
        </Button>
      ))}
      {error && <span role="alert" className="text-xs text-danger">{error}</span>}
    </div>
  );
}

/** A shot or asset: details, its tasks, and the latest version per task (one task list request). */
export function EntityPage({ kind, id, projectId }: { kind: EntityKind; id: number; projectId: number }) {
  const shot = useQuery({ ...shotQueryOptions(id), enabled: kind === "shot" });
  const asset = useQuery({ ...assetQueryOptions(id), enabled: kind === "asset" });
  const entity = kind === "shot" ? shot : asset;
  const tasks = useQuery(
    projectTasksQueryOptions(projectId, { filters: { [`${kind}.id`]: id }, fields: [...ENTITY_TASK_FIELDS], limit: 200 }),
  );
  if (entity.isPending) return <Loading />;
  if (entity.isError) return <div className="p-6"><ErrorNote error={entity.error} /></div>;
  const facts: [string, ReactNode][] =
    shot.data && kind === "shot"
      ? [
          ["Status", shot.data.status.replace("_", " ")],
          ["Frames", `${String(shot.data.frame_in ?? "—")}–${String(shot.data.frame_out ?? "—")}`],
          ["Cut", `${String(shot.data.cut_in ?? "—")}–${String(shot.data.cut_out ?? "—")}`],
          ["Duration", shot.data.working_duration],
        ]
      : asset.data
        ? [
            ["Name", asset.data.name],
            ["Type", asset.data.asset_type],
            ["Status", asset.data.status.replace("_", " ")],
            ["Due", asset.data.due_date],
          ]
        : [];
  const code = kind === "shot" ? shot.data?.code : asset.data?.code;
  const description = kind === "shot" ? shot.data?.description : asset.data?.description;
  return (
    <main className="mx-auto w-full max-w-screen-xl px-4 py-6 sm:px-6">
      <title>{`${code ?? ""} · Shotline`}</title>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link to={`/projects/${String(projectId)}/${kind}s`} className="hover:text-fg">{kind === "shot" ? "Shots" : "Assets"}</Link>
      </nav>
      <h1 className="mb-4 font-mono text-2xl font-semibold">{code}</h1>
      <Card className="mb-4 p-5">
        <Facts facts={facts} />
        {description && <p className="mt-3 text-sm text-muted">{description}</p>}
      </Card>
      <Card className="p-5">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">Tasks</h2>
          {tasks.data && (
            <QuickAdd kind={kind} id={id} existing={new Set(tasks.data.items.map((r) => str(r["task_type.code"])))} />
          )}
        </div>
        {tasks.isPending ? (
          <Loading />
        ) : tasks.isError ? (
          <ErrorNote error={tasks.error} />
        ) : tasks.data.items.length === 0 ? (
          <Empty title="No tasks yet">Apply a template or add tasks from the Tasks tab.</Empty>
        ) : (
          <TaskRows rows={tasks.data.items} />
        )}
      </Card>
      {tasks.data && tasks.data.items.length > 0 && (
        <LatestVersions
          rows={tasks.data.items}
          actions={(row) => <TaskShareMenu taskId={row.id} label={`${code ?? ""} ${str(row["task_type.code"])}`} />}
        />
      )}
    </main>
  );
}
