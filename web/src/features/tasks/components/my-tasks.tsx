import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";

import type { AccountRead } from "@/api/auth";
import { TASK_FIELDS, taskViewQueryOptions, type TaskView } from "@/api/tasks";
import { Empty, ErrorNote, Loading, PageHeader } from "@/components/ui/bits";
import { TaskRows } from "@/features/tasks/components/task-rows";
import { cn } from "@/lib/cn";

const FILTERS: readonly (readonly [TaskView, string])[] = [
  ["mine", "Mine"],
  ["due_this_week", "Due this week"],
  ["overdue", "Overdue"],
  ["awaiting_review", "Awaiting review"],
];

/** My tasks with quick filters; every filter but "Mine" is narrowed to my assignments too. */
export function MyTasks({ account }: { account: AccountRead }) {
  const [search, setSearch] = useSearchParams();
  const view = (FILTERS.find(([v]) => v === search.get("view"))?.[0] ?? "mine");
  const tasks = useQuery(
    taskViewQueryOptions({
      view,
      filters: view === "mine" ? {} : { "assignees.id": account.id },
      fields: [...TASK_FIELDS],
      sort: ["due_date", "id"],
      limit: 500,
    }),
  );
  return (
    <main className="mx-auto w-full max-w-screen-xl px-4 py-6 sm:px-6">
      <title>My tasks · Shotline</title>
      <PageHeader title="My tasks">
        <div role="tablist" aria-label="Quick filters" className="flex gap-1 rounded-lg border border-line bg-surface p-1">
          {FILTERS.map(([v, label]) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={v === view}
              onClick={() => setSearch(v === "mine" ? {} : { view: v })}
              className={cn("rounded-md px-3 py-1 text-sm", v === view ? "bg-surface-3 text-fg" : "text-muted hover:text-fg")}
            >
              {label}
            </button>
          ))}
        </div>
      </PageHeader>
      <div className="rounded-xl border border-line bg-surface px-4 py-2">
        {tasks.isPending ? (
          <Loading />
        ) : tasks.isError ? (
          <ErrorNote error={tasks.error} />
        ) : tasks.data.items.length === 0 ? (
          <Empty title="Nothing here">No tasks of yours match this filter.</Empty>
        ) : (
          <>
            <p className="py-1 text-xs text-muted">{tasks.data.total ?? tasks.data.items.length} tasks</p>
            <TaskRows rows={tasks.data.items} />
          </>
        )}
      </div>
    </main>
  );
}
