import type { AccountRead } from "@/api/auth";
import { WidgetCard } from "@/features/dashboard/components/widget-card";
import { DASHBOARD_WIDGETS } from "@/features/dashboard/widgets";

function greeting(date: Date): string {
  const hour = date.getHours();
  if (hour < 12) return "Good morning";
  if (hour < 18) return "Good afternoon";
  return "Good evening";
}

export function Dashboard({ account, now = new Date() }: { account: AccountRead; now?: Date }) {
  const firstName = account.name.trim().split(/\s+/)[0] ?? account.name;
  const today = now.toLocaleDateString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
  });

  return (
    <main className="mx-auto w-full max-w-screen-2xl px-4 py-8 sm:px-6">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-2">
        <div>
          <p className="text-sm text-muted">{today}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">
            {greeting(now)}, {firstName}
          </h1>
        </div>
        <p className="text-sm text-muted">
          Widgets fill in as your studio tracks projects, tasks and reviews in Shotline.
        </p>
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {DASHBOARD_WIDGETS.map((widget) => (
          <WidgetCard key={widget.id} widget={widget} />
        ))}
      </div>
    </main>
  );
}
