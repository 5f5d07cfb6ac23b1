import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";

import type { AccountRead } from "@/api/auth";
import { playerQueryOptions, taskVersionsQueryOptions } from "@/api/review";
import { taskQueryOptions } from "@/api/tasks";
import { Select } from "@/components/ui/select";
import { ReviewPlayer } from "@/features/review-player/components/review-player";
import { versionLabel } from "@/features/review-player/format";

/** `/review/:versionId`: the player filling the window, with the task's versions to switch. */
export function ReviewScreen({ versionId, initialFrame, account }: { versionId: number; initialFrame: number | null; account: AccountRead }) {
  const player = useQuery(playerQueryOptions(versionId));
  const taskId = player.data?.version.task_id ?? 0;
  const task = useQuery({ ...taskQueryOptions(taskId), enabled: taskId > 0 });
  const versions = useQuery({ ...taskVersionsQueryOptions(taskId), enabled: taskId > 0 });
  const navigate = useNavigate();
  const label = player.data ? versionLabel(player.data.version) : "";
  return (
    <main className="flex h-[calc(100dvh-3.5rem)] w-full flex-col gap-2 px-3 py-2 sm:px-4">
      <title>{`${task.data?.title ?? "Review"} ${label} · Shotline`}</title>
      <div className="flex flex-wrap items-center gap-3">
        <nav aria-label="Breadcrumb" className="text-sm text-muted">
          {taskId > 0 && (
            <Link to={`/tasks/${String(taskId)}`} className="hover:text-fg">
              {task.data?.title ?? "Task"}
            </Link>
          )}
        </nav>
        <h1 className="font-mono text-lg font-semibold">{label}</h1>
        {versions.data && versions.data.length > 1 && (
          <Select aria-label="Version" value={versionId} onChange={(e) => void navigate(`/review/${e.target.value}`)}>
            {versions.data.map((v) => (
              <option key={v.id} value={v.id}>
                {versionLabel(v)}
                {v.description ? ` — ${v.description}` : ""}
              </option>
            ))}
          </Select>
        )}
        <p className="ml-auto hidden text-xs text-faint md:block">Space play · ←/→ frame · J/K/L shuttle · I/O loop · Ctrl+Z undo</p>
      </div>
      <div className="min-h-0 flex-1">
        <ReviewPlayer versionId={versionId} account={account} initialFrame={initialFrame} />
      </div>
    </main>
  );
}
