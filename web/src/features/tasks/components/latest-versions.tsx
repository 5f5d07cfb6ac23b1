import type { ReactNode } from "react";
import { Link } from "react-router";

import { num, str, type Row } from "@/api/lists";
import { StatusPill } from "@/components/ui/bits";
import { Card } from "@/components/ui/card";
import { CardReview } from "@/features/kanban/components/card-review";

/**
 * "Latest versions" of a shot or asset: one card per task with its type and status, and its
 * latest version (the kanban card's review line: thumbnail, `v003`, approval state, notes)
 * linking to `/review/:versionId`, or "No version yet". The rows come from the page's one task
 * list, asked with `ENTITY_TASK_FIELDS`.
 *
 * `actions` is the slot for per-version actions under the review line (only for tasks with a
 * version): "Share With Client" (#7, `features/share`) goes there.
 */
export function LatestVersions({ rows, actions }: { rows: readonly Row[]; actions?: (row: Row) => ReactNode }) {
  return (
    <Card className="mt-4 p-5">
      <h2 id="latest-versions" className="mb-3 text-sm font-semibold">Latest versions</h2>
      <ul aria-labelledby="latest-versions" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {rows.map((row) => {
          const type = str(row["task_type.name"]) || str(row.title);
          const versionId = num(row.latest_version_id);
          return (
            <li key={row.id} aria-label={type} className="rounded-md border border-line bg-surface-2/40 p-3">
              <div className="flex items-center justify-between gap-2">
                <Link to={`/tasks/${String(row.id)}`} className="truncate text-sm font-medium text-fg hover:underline">
                  {type}
                </Link>
                <StatusPill name={str(row["status.name"])} color={str(row["status.color"])} />
              </div>
              {versionId === null ? (
                <>
                  <p className="mt-2 text-xs text-faint">No version yet</p>
                  <CardReview row={row} />
                </>
              ) : (
                <>
                  <Link to={`/review/${String(versionId)}`} className="block rounded hover:bg-surface-2">
                    <CardReview row={row} />
                  </Link>
                  {actions?.(row)}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
