import { useQuery } from "@tanstack/react-query";
import { Film } from "lucide-react";
import { useEffect, useState } from "react";

import { isApiError } from "@/api/errors";

import { clientVersionsQueryOptions, type ClientWhere } from "@/api/share";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { ClientPlayer } from "@/features/share/components/client-player";
import { cn } from "@/lib/cn";

/**
 * What a guest or a client account reviews: the shared versions (the newest of each shot/task
 * step, older ones on request) and the player for the one picked. Nothing internal.
 */
export function ClientReview({ where, projectId = 0, onUnauthorized }: { where: ClientWhere; projectId?: number; onUnauthorized?: () => void }) {
  const [all, setAll] = useState(false);
  const versions = useQuery(clientVersionsQueryOptions(where, projectId, all));
  // a guest's identity ended (8 hours, or the link was regenerated): ask for the name again
  const signedOut = isApiError(versions.error, 401);
  useEffect(() => {
    if (signedOut) onUnauthorized?.();
  }, [signedOut, onUnauthorized]);
  const [picked, setPicked] = useState<number | null>(null);
  if (versions.isPending) return <Loading label="Loading the shared versions…" />;
  if (versions.isError) return <ErrorNote error={versions.error} />;
  const list = versions.data;
  const selected = list.find((v) => v.id === picked) ?? list[0] ?? null;
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 xl:flex-row">
      <nav aria-label="Shared versions" className="w-full shrink-0 space-y-2 xl:w-64">
        {list.length === 0 ? (
          <Empty title="Nothing shared yet">The studio will share versions here for your review.</Empty>
        ) : (
          <ul className="space-y-1">
            {list.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  aria-pressed={v.id === selected?.id}
                  onClick={() => setPicked(v.id)}
                  className={cn("flex w-full items-center gap-2 rounded-md p-1.5 text-left hover:bg-surface-2", v.id === selected?.id && "bg-surface-2 ring-1 ring-accent/50")}
                >
                  <span className="flex aspect-video w-16 items-center justify-center overflow-hidden rounded bg-black">
                    {v.media?.[0]?.thumbnail_url ? <img src={v.media[0].thumbnail_url} alt="" className="size-full object-cover" /> : <Film aria-hidden="true" className="size-4 text-faint" />}
                  </span>
                  <span className="min-w-0">
                    <span className="block font-mono text-sm font-semibold">{v.label}</span>
                    {!v.latest && <span className="text-xs text-faint">older version</span>}
                    {v.description && <span className="block truncate text-xs text-muted">{v.description}</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="flex items-center gap-2 px-1 text-xs text-muted">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Show older shared versions
        </label>
      </nav>
      <div className="min-h-[32rem] min-w-0 flex-1">{selected && <ClientPlayer key={selected.id} where={where} versionId={selected.id} />}</div>
    </div>
  );
}
