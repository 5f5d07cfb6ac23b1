import { Film, MessageSquare } from "lucide-react";

import { num, str, type Row } from "@/api/lists";
import { thumbnailUrl } from "@/api/tasks";
import { VERSION_STATUS, versionLabel, type VersionStatus } from "@/features/review-player/format";

function isVersionStatus(value: string): value is VersionStatus {
  return value in VERSION_STATUS;
}

/**
 * A card's review line: the latest version (thumbnail when one was made, `v003`), its
 * approval state and the number of notes. Nothing at all for a task with neither.
 */
export function CardReview({ row }: { row: Row }) {
  const number = num(row.latest_version_number);
  const thumbnail = num(row.latest_version_thumbnail_id);
  const status = str(row.latest_version_status);
  const notes = num(row.note_count) ?? 0;
  if (number === null && notes === 0) return null;
  const state = isVersionStatus(status) ? VERSION_STATUS[status] : null;
  return (
    <div className="mt-2 flex items-center gap-2 text-xs text-muted" data-testid="card-review">
      {number !== null && (
        <>
          <span className="flex h-6 w-10 shrink-0 items-center justify-center overflow-hidden rounded bg-black">
            {thumbnail !== null ? (
              <img src={thumbnailUrl(thumbnail)} alt="" loading="lazy" draggable={false} className="size-full object-cover" />
            ) : (
              <Film aria-hidden="true" className="size-3.5 text-faint" />
            )}
          </span>
          <span className="font-mono font-medium text-fg" aria-label={`Latest version ${versionLabel({ number })}`}>
            {versionLabel({ number })}
          </span>
          {state && (
            <span className="inline-flex min-w-0 items-center gap-1 truncate" title={`Approval: ${state[0]}`}>
              <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: state[1] }} />
              <span className="truncate">{state[0]}</span>
            </span>
          )}
        </>
      )}
      {notes > 0 && (
        <span className="ml-auto inline-flex shrink-0 items-center gap-1 tabular-nums" aria-label={`${String(notes)} ${notes === 1 ? "note" : "notes"}`}>
          <MessageSquare aria-hidden="true" className="size-3.5" />
          {notes}
        </span>
      )}
    </div>
  );
}
