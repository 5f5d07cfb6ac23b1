import { useState } from "react";

import type { HistoryEntity } from "@/api/history";
import { Card } from "@/components/ui/card";
import { ActivityFeed } from "@/features/activity";
import { HistoryPanel } from "@/features/history/components/history-panel";
import { cn } from "@/lib/cn";

const TABS = ["Activity", "History"] as const;

/**
 * Activity and history of one row (task, shot, asset), mounted under its page by the route
 * module — a separate block, so the page components stay as they are.
 */
export function RecordPanels({ entity, id }: { entity: Exclude<HistoryEntity, "sequence">; id: number }) {
  const [tab, setTab] = useState<(typeof TABS)[number]>("Activity");
  return (
    <div className="mx-auto w-full max-w-screen-xl px-4 pb-8 sm:px-6">
      <Card className="p-5">
        <div role="tablist" aria-label="Activity and history" className="mb-3 flex gap-1 border-b border-line">
          {TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={t === tab}
              onClick={() => setTab(t)}
              className={cn("-mb-px border-b-2 px-3 py-1.5 text-sm", t === tab ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg")}
            >
              {t}
            </button>
          ))}
        </div>
        {tab === "Activity" ? (
          <ActivityFeed scope={{ entityType: entity, entityId: id }} compact />
        ) : (
          <HistoryPanel entity={entity} id={id} />
        )}
      </Card>
    </div>
  );
}
