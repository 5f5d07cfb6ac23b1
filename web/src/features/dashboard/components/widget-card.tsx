import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { WidgetDefinition } from "@/features/dashboard/widgets";

export function WidgetCard({ widget }: { widget: WidgetDefinition }) {
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
        </CardHeader>
        <CardContent className="flex flex-1 flex-col items-center justify-center pt-5 text-center">
          <p className="text-sm font-medium text-fg">{widget.emptyTitle}</p>
          <p className="mt-1 max-w-64 text-xs leading-relaxed text-muted">
            {widget.description}
          </p>
        </CardContent>
      </Card>
    </section>
  );
}
