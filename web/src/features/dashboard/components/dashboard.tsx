import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

import type { AccountRead } from "@/api/auth";
import { dashboardQueryOptions } from "@/api/dashboard";
import type { ListPage } from "@/api/lists";
import { TASK_FIELDS, taskViewQueryOptions } from "@/api/tasks";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { WidgetCard } from "@/features/dashboard/components/widget-card";
import { DASHBOARD_WIDGETS, type WidgetDefinition } from "@/features/dashboard/widgets";
import { TaskRows } from "@/features/tasks/components/task-rows";

function greeting(date: Date): string {
  const hour = date.getHours();
  if (hour < 12) return "Good morning";
  if (hour < 18) return "Good afternoon";
  return "Good evening";
}

function widget(id: string): WidgetDefinition {
  const found = DASHBOARD_WIDGETS.find((w) => w.id === id);
  if (!found) throw new Error(`unknown widget ${id}`);
  return found;
}

function TaskWidget({ def, query, count }: { def: WidgetDefinition; query: UseQueryResult<ListPage>; count?: number }) {
  let body: ReactNode;
  if (query.isPending) body = <Loading />;
  else if (query.isError) body = <ErrorNote error={query.error} />;
  else if (query.data.items.length === 0) body = <Empty title={def.emptyTitle}>{def.description}</Empty>;
  else body = <TaskRows rows={query.data.items} />;
  return (
    <WidgetCard widget={def} count={count ?? query.data?.total ?? undefined}>
      {body}
    </WidgetCard>
  );
}

export function Dashboard({ account, now = new Date() }: { account: AccountRead; now?: Date }) {
  const firstName = account.name.trim().split(/\s+/)[0] ?? account.name;
  const today = now.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" });
  const fields = [...TASK_FIELDS];
  const dashboard = useQuery(dashboardQueryOptions());
  const dueToday = useQuery(
    taskViewQueryOptions({ view: "due_today", filters: { "assignees.id": account.id }, fields, limit: 8, sort: ["priority"] }),
  );
  const inReview = useQuery(taskViewQueryOptions({ view: "awaiting_review", fields, limit: 8, sort: ["due_date"] }));
  const overdue = useQuery(taskViewQueryOptions({ view: "overdue", fields, limit: 8, sort: ["due_date"] }));
  const workload = dashboard.data?.workload ?? [];
  const maxOpen = Math.max(1, ...workload.map((w) => w.open_tasks));
  const maxHours = Math.max(1, ...workload.map((w) => w.estimated_hours));

  return (
    <main className="mx-auto w-full max-w-screen-2xl px-4 py-8 sm:px-6">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-2">
        <div>
          <p className="text-sm text-muted">{today}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">
            {greeting(now)}, {firstName}
          </h1>
        </div>
        {dashboard.data && (
          <p className="text-sm text-muted">
            {dashboard.data.open_tasks} open tasks · {dashboard.data.due_today} due today ·{" "}
            {dashboard.data.overdue} overdue
          </p>
        )}
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        <TaskWidget def={widget("due-today")} query={dueToday} />
        <TaskWidget def={widget("in-review")} query={inReview} count={dashboard.data?.in_review} />
        <TaskWidget def={widget("overdue")} query={overdue} count={dashboard.data?.overdue} />
        <WidgetCard widget={widget("latest-uploads")}>
          {dashboard.data && dashboard.data.latest_uploads.length > 0 ? (
            <ul className="space-y-1 text-sm">
              {dashboard.data.latest_uploads.map((u, i) => (
                <li key={i} className="truncate text-muted">{JSON.stringify(u)}</li>
              ))}
            </ul>
          ) : (
            <Empty title="No uploads yet">Versions land with the review features; new uploads will show here.</Empty>
          )}
        </WidgetCard>
        <WidgetCard widget={widget("recent-feedback")}>
          {dashboard.data && dashboard.data.recent_feedback.length > 0 ? (
            <ul className="space-y-1 text-sm">
              {dashboard.data.recent_feedback.map((u, i) => (
                <li key={i} className="truncate text-muted">{JSON.stringify(u)}</li>
              ))}
            </ul>
          ) : (
            <Empty title="No feedback yet">Notes and review decisions on your work will show here.</Empty>
          )}
        </WidgetCard>
        <WidgetCard widget={widget("artist-workload")}>
          {dashboard.isPending ? (
            <Loading />
          ) : dashboard.isError ? (
            <ErrorNote error={dashboard.error} />
          ) : workload.length === 0 ? (
            <Empty title="No assignments yet">Open tasks and estimated hours per artist.</Empty>
          ) : (
            <ul className="space-y-3" aria-label="Workload per artist">
              {workload.map((w) => (
                <li key={w.account_id}>
                  <div className="flex justify-between text-sm">
                    <span className="text-fg">{w.name}</span>
                    <span className="text-xs text-muted tabular-nums">
                      {w.open_tasks} open · {w.estimated_hours} h
                    </span>
                  </div>
                  <div className="mt-1 h-1.5 rounded-full bg-surface-3" aria-hidden="true">
                    <div className="h-1.5 rounded-full bg-accent" style={{ width: `${String((w.open_tasks / maxOpen) * 100)}%` }} />
                  </div>
                  <div className="mt-0.5 h-1 rounded-full bg-surface-3" aria-hidden="true">
                    <div className="h-1 rounded-full bg-warning/70" style={{ width: `${String((w.estimated_hours / maxHours) * 100)}%` }} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </WidgetCard>
      </div>
    </main>
  );
}
