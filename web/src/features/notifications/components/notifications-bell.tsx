import { useQuery } from "@tanstack/react-query";
import { Bell, CheckCheck, Settings } from "lucide-react";
import { memo } from "react";
import { useNavigate } from "react-router";

import {
  inboxQueryOptions,
  notificationTarget,
  UNREAD_POLL_LIVE_MS,
  UNREAD_POLL_MS,
  unreadCountQueryOptions,
  useMarkAllRead,
  useMarkRead,
  type NotificationRead,
} from "@/api/notifications";
import { Spinner } from "@/components/ui/spinner";
import { Menu, MenuContent, MenuItem, MenuLabel, MenuSeparator, MenuTrigger } from "@/components/ui/menu";
import { Button } from "@/components/ui/button";
import { useLiveConnected } from "@/features/live";
import { cn } from "@/lib/cn";
import { timeAgo } from "@/lib/time";

const TYPE_LABELS: Record<NotificationRead["type"], string> = {
  TASK_ASSIGNED: "Assigned",
  TASK_OVERDUE: "Overdue",
  TASK_READY_FOR_REVIEW: "Ready for review",
  TASK_APPROVED: "Approved",
  TASK_CHANGES_REQUESTED: "Changes requested",
  MENTIONED: "Mention",
  NOTE_ON_WATCHED: "Note",
  CLIENT_APPROVED: "Client approved",
  CLIENT_CHANGES_REQUESTED: "Client changes",
  CLIENT_COMMENTED: "Client comment",
  VERSION_SHARED: "Shared for review",
};

/**
 * The header bell: unread count (polled every 30 s; while the live stream is connected, set
 * by its `notification` messages the moment a notification is written or read, with a slow
 * poll as a safety net), and the inbox as a dropdown — unread first; a click marks it read
 * and opens what it is about. Memoized (no props): a header re-render while the session is being cleared
 * on log out must not rebuild its query.
 */
export const NotificationsBell = memo(function NotificationsBell() {
  const live = useLiveConnected();
  const unread = useQuery(unreadCountQueryOptions(live ? UNREAD_POLL_LIVE_MS : UNREAD_POLL_MS));
  const count = unread.data ?? 0;
  const label = count > 0 ? `Notifications (${String(count)} unread)` : "Notifications";
  return (
    <Menu modal={false}>
      <MenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={label} className="relative">
          <Bell aria-hidden="true" className="size-4.5" />
          {count > 0 && (
            <span
              data-testid="unread-badge"
              aria-hidden="true"
              className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-accent px-1 text-[10px] font-semibold text-accent-fg tabular-nums"
            >
              {count > 99 ? "99+" : count}
            </span>
          )}
        </Button>
      </MenuTrigger>
      <MenuContent className="w-96 p-0">
        <Inbox />
      </MenuContent>
    </Menu>
  );
});

function Inbox() {
  const inbox = useQuery(inboxQueryOptions());
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const items = inbox.data?.items ?? [];
  const unread = inbox.data?.unread ?? 0;

  async function open(n: NotificationRead) {
    if (n.read_at === null) markRead.mutate(n.id);
    try {
      const to = await notificationTarget(n);
      if (to) await navigate(to);
    } catch {
      // The linked row may be gone or out of reach; reading the note is still useful.
    }
  }

  return (
    <div aria-label="Inbox">
      <div className="flex items-center justify-between border-b border-line px-3 py-2">
        <MenuLabel className="p-0 text-sm text-fg">Notifications</MenuLabel>
        <div className="flex items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            disabled={unread === 0 || markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            <CheckCheck aria-hidden="true" className="size-3.5" /> Mark all read
          </Button>
        </div>
      </div>
      <div className="max-h-[28rem] overflow-y-auto p-1">
        {inbox.isPending ? (
          <div className="flex items-center gap-2 p-3 text-sm text-muted"><Spinner /> Loading…</div>
        ) : inbox.isError ? (
          <p className="p-3 text-sm text-danger">Could not load notifications.</p>
        ) : items.length === 0 ? (
          <div className="px-2.5 pt-2 pb-3">
            <p className="text-sm text-fg">No notifications yet</p>
            <p className="mt-0.5 text-xs text-muted">Mentions, assignments and review decisions will show up here.</p>
          </div>
        ) : (
          items.map((n) => (
            <MenuItem
              key={n.id}
              data-unread={n.read_at === null ? "true" : "false"}
              onSelect={() => void open(n)}
              className="items-start gap-2.5 py-2"
            >
              <span
                aria-hidden="true"
                className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.read_at === null ? "bg-accent" : "bg-transparent")}
              />
              <span className="min-w-0 flex-1">
                <span className={cn("block text-sm", n.read_at === null ? "text-fg" : "text-muted")}>
                  {n.read_at === null && <span className="sr-only">Unread: </span>}
                  {n.text}
                </span>
                <span className="mt-0.5 block text-xs text-faint">
                  {TYPE_LABELS[n.type]} · {timeAgo(n.created_at)}
                </span>
              </span>
            </MenuItem>
          ))
        )}
      </div>
      <MenuSeparator className="my-0" />
      <MenuItem onSelect={() => void navigate("/settings/notifications")} className="m-1">
        <Settings aria-hidden="true" className="size-4 text-muted" /> Notification settings
      </MenuItem>
    </div>
  );
}
