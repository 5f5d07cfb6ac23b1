import { useQuery } from "@tanstack/react-query";
import { RotateCw, X } from "lucide-react";

import { ACCESS_LOG_LIMIT, accessLogQueryOptions, type ReviewLink } from "@/api/review-links";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { ACCESS_LABELS, browserOf, timeText } from "@/features/review-links/format";

const th = "px-2 py-1.5 text-left text-xs font-medium text-muted";
const td = "px-2 py-1.5 align-top";

/** Who opened a link and what they did, newest first: time, event, viewer, IP, browser, version. */
export function AccessLog({ link, onClose }: { link: ReviewLink; onClose: () => void }) {
  const log = useQuery(accessLogQueryOptions(link.id));
  return (
    <section aria-label={`Access log of ${link.name}`} className="mt-4 rounded-xl border border-line bg-surface p-4">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          Access log <span className="font-normal text-muted">· {link.name}</span>
        </h2>
        <div className="flex gap-1">
          <Button variant="ghost" size="sm" onClick={() => void log.refetch()} disabled={log.isFetching}>
            <RotateCw aria-hidden="true" className="size-3.5" /> Refresh
          </Button>
          <Button variant="ghost" size="icon" aria-label="Close the access log" onClick={onClose}>
            <X aria-hidden="true" className="size-4" />
          </Button>
        </div>
      </div>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorNote error={log.error} />
      ) : log.data.length === 0 ? (
        <Empty title="Nobody has opened this link yet" />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Time</th>
                <th className={th}>What happened</th>
                <th className={th}>Viewer</th>
                <th className={th}>IP</th>
                <th className={th}>Browser</th>
                <th className={th}>Version</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((row) => (
                <tr key={row.id} className="border-t border-line/60">
                  <td className={`${td} whitespace-nowrap tabular-nums text-muted`}>{timeText(row.created_at)}</td>
                  <td className={td}>{ACCESS_LABELS[row.kind]}</td>
                  <td className={td}>{row.viewer_name ?? <span className="text-faint">—</span>}</td>
                  <td className={`${td} font-mono text-xs`}>{row.ip ?? "—"}</td>
                  <td className={td} title={row.user_agent ?? undefined}>
                    {browserOf(row.user_agent)}
                  </td>
                  <td className={`${td} tabular-nums`}>{row.version_id === null ? <span className="text-faint">—</span> : (row.version_label ?? `#${String(row.version_id)}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.data.length >= ACCESS_LOG_LIMIT && <p className="mt-2 text-xs text-faint">Showing the newest {ACCESS_LOG_LIMIT} entries.</p>}
        </div>
      )}
    </section>
  );
}
