import { Link } from "react-router";

import { str, strList, type Row } from "@/api/lists";
import { Avatars, DueDate, isOverdue, StatusPill } from "@/components/ui/bits";

/** Where a task row points: its shot or asset code and task type. */
function taskContext(row: Row): string {
  return str(row["shot.code"]) || str(row["asset.code"]) || "—";
}

/** A compact, linked list of task rows (dashboard widgets, My tasks). */
export function TaskRows({ rows }: { rows: readonly Row[] }) {
  return (
    <ul className="divide-y divide-line/60">
      {rows.map((row) => {
        const category = str(row["status.category"]);
        const due = str(row.due_date) || null;
        return (
          <li key={row.id}>
            <Link
              to={`/tasks/${String(row.id)}`}
              className="grid grid-cols-[minmax(0,1fr)_auto_auto] items-center gap-3 px-1 py-2 hover:bg-surface-2"
            >
              <span className="min-w-0 truncate text-sm">
                <span className="font-mono text-xs text-muted">{taskContext(row)}</span>{" "}
                <span className="text-fg">{str(row.title)}</span>
              </span>
              <StatusPill name={str(row["status.name"])} color={str(row["status.color"])} />
              <span className="flex w-28 items-center justify-end gap-2">
                <DueDate value={due} overdue={isOverdue(due, category === "done" || category === "omitted")} />
                <Avatars names={strList(row["assignees.name"])} max={1} />
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
