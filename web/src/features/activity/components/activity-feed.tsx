import { useInfiniteQuery } from "@tanstack/react-query";
import { Fragment, type ReactNode } from "react";
import { Link } from "react-router";

import { activityHref, activityInfiniteOptions, type ActivityItem, type ActivityScope } from "@/api/activity";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { timeAgo } from "@/lib/time";
import { initials } from "@/lib/initials";

/** The sentence with each linked label turned into a link (first occurrence, in order). */
function Sentence({ item }: { item: ActivityItem }) {
  const parts: ReactNode[] = [];
  let rest = item.sentence;
  let key = 0;
  for (const link of item.links) {
    const href = activityHref(link, item.project_id);
    const at = link.label ? rest.indexOf(link.label) : -1;
    if (at < 0) continue;
    parts.push(<Fragment key={key++}>{rest.slice(0, at)}</Fragment>);
    parts.push(
      href ? (
        <Link key={key++} to={href} className="font-medium text-fg hover:underline">{link.label}</Link>
      ) : (
        <span key={key++} className="font-medium text-fg">{link.label}</span>
      ),
    );
    rest = rest.slice(at + link.label.length);
  }
  parts.push(<Fragment key={key}>{rest}</Fragment>);
  return <>{parts}</>;
}

/** `GET /activity` as readable sentences with links, newest first, "Load more" by `before_id`. */
export function ActivityFeed({ scope, title = "Activity", compact = false }: { scope: ActivityScope; title?: string; compact?: boolean }) {
  const feed = useInfiniteQuery(activityInfiniteOptions(scope));
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-label={title} className="min-h-0">
      {feed.isPending ? (
        <Loading label="Loading activity…" />
      ) : feed.isError ? (
        <ErrorNote error={feed.error} />
      ) : items.length === 0 ? (
        <Empty title="No activity yet">Changes show up here as people work.</Empty>
      ) : (
        <>
          <ol className="divide-y divide-line/60">
            {items.map((item) => (
              <li key={item.id} className={compact ? "flex gap-2.5 py-2" : "flex gap-3 py-2.5"}>
                <span
                  aria-hidden="true"
                  className="flex size-7 shrink-0 items-center justify-center rounded-full bg-accent/20 text-[11px] font-semibold text-accent"
                >
                  {initials(item.actor.name)}
                </span>
                <div className="min-w-0">
                  <p className="text-sm text-muted"><Sentence item={item} /></p>
                  <time dateTime={item.created_at} title={new Date(item.created_at).toLocaleString()} className="text-xs text-faint">
                    {timeAgo(item.created_at)}
                  </time>
                </div>
              </li>
            ))}
          </ol>
          {feed.hasNextPage && (
            <div className="pt-3">
              <Button variant="secondary" size="sm" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
                {feed.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
