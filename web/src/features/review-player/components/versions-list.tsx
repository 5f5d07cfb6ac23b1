import { useQuery } from "@tanstack/react-query";
import { Film } from "lucide-react";

import { accountsQueryOptions } from "@/api/accounts";
import type { VersionRead } from "@/api/review";
import { formatWhen, versionLabel } from "@/features/review-player/format";
import { VersionStatusPill } from "@/features/review-player/components/version-status";
import { TaskShareMenu } from "@/features/share";
import { cn } from "@/lib/cn";

/** A task's versions, newest first: thumbnail, number, status, uploader, date. */
export function VersionsList({ versions, selectedId, onSelect }: { versions: readonly VersionRead[]; selectedId: number | null; onSelect: (id: number) => void }) {
  const accounts = useQuery(accountsQueryOptions());
  const nameOf = (id: number | null) => (id === null ? "—" : accounts.data?.find((a) => a.id === id)?.name ?? `#${String(id)}`);
  return (
    <ul aria-label="Versions" className="space-y-1">
      {versions.map((v) => {
        const main = v.media?.[0];
        const failed = (v.media ?? []).find((m) => m.state === "failed");
        return (
          <li key={v.id} data-version-id={v.id} className="relative">
            <button
              type="button"
              aria-pressed={v.id === selectedId}
              aria-label={`${versionLabel(v)}${v.description ? `: ${v.description}` : ""}`}
              onClick={() => onSelect(v.id)}
              className={cn("grid w-full grid-cols-[4.5rem_minmax(0,1fr)] items-center gap-3 rounded-md p-1.5 text-left hover:bg-surface-2", v.id === selectedId && "bg-surface-2 ring-1 ring-accent/50")}
            >
              <span className="flex aspect-video items-center justify-center overflow-hidden rounded bg-black">
                {main?.thumbnail_url ? <img src={main.thumbnail_url} alt="" className="size-full object-cover" /> : <Film aria-hidden="true" className="size-4 text-faint" />}
              </span>
              <span className="min-w-0">
                <span className="flex items-center gap-2">
                  <span className="font-mono text-sm font-semibold">{versionLabel(v)}</span>
                  <VersionStatusPill version={v} />
                </span>
                <span className="block truncate text-xs text-muted">
                  {nameOf(v.uploaded_by)} · {formatWhen(v.created_at)}
                  {v.description ? ` · ${v.description}` : ""}
                </span>
                {failed && <span role="alert" className="block text-xs text-danger">{failed.failure_reason ?? "Processing failed."}</span>}
              </span>
            </button>
            <span className="absolute top-1.5 right-1.5">
              <TaskShareMenu taskId={v.task_id} version={v} label="" />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
