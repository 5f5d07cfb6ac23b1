import type { ReactNode } from "react";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { WidgetDefinition } from "@/features/dashboard/widgets";

export function WidgetCard({ widget, count, children }: { widget: WidgetDefinition; count?: number; children: ReactNode }) {
  const Icon = widget.icon;
  const headingId = `widget-${widget.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Card className="flex h-full min-h-52 flex-col">
        <CardHeader className="border-b border-line/60">
          <span className="flex size-7 items-center justify-center rounded-md bg-surface-2 text-muted">
            <Icon aria-hidden="true" className="size-4" />
          </span>
          <CardTitle id={headingId}>{widget.title}</CardTitle>
          {count !== undefined && (
            <span className="ml-auto rounded-full bg-surface-3 px-2 py-0.5 text-xs text-muted tabular-nums">{count}</span>
          )}
        </CardHeader>
        <CardContent className="flex flex-1 flex-col pt-2">{children}</CardContent>
      </Card>
    </section>
  );
}
