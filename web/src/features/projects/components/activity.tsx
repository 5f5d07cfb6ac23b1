import { useQuery } from "@tanstack/react-query";

import type { AccountRead } from "@/api/auth";
import { projectEventsQueryOptions } from "@/api/events";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";

/** The raw event list (admins and producers) until the activity feed lands. */
export function ActivityTab({ projectId, account }: { projectId: number; account: AccountRead }) {
  const allowed = account.role === "admin" || account.role === "producer";
  const events = useQuery({ ...projectEventsQueryOptions(projectId), enabled: allowed });
  if (!allowed)
    return (
      <Empty title="Activity is coming soon">
        A readable feed of what changed in this project arrives with the activity features.
      </Empty>
    );
  if (events.isPending) return <Loading />;
  if (events.isError) return <ErrorNote error={events.error} />;
  if (events.data.length === 0) return <Empty title="No recent activity" />;
  return (
    <div className="min-h-0 flex-1 overflow-auto rounded-lg border border-line bg-surface">
      <table className="w-full text-left text-sm">
        <thead className="sticky top-0 bg-surface-2 text-xs text-muted">
          <tr><th className="px-3 py-2">When</th><th className="px-3 py-2">Event</th><th className="px-3 py-2">Entity</th><th className="px-3 py-2">Changes</th></tr>
        </thead>
        <tbody>
          {events.data.map((e) => (
            <tr key={e.id} className="border-t border-line/60">
              <td className="px-3 py-1.5 text-xs whitespace-nowrap text-muted">{new Date(e.created_at).toLocaleString()}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{e.verb}</td>
              <td className="px-3 py-1.5 text-xs text-muted">{e.entity_type} #{e.entity_id ?? "—"}</td>
              <td className="max-w-md truncate px-3 py-1.5 font-mono text-xs text-faint">{JSON.stringify(e.changes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
