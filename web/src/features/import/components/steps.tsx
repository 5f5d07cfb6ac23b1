import { cn } from "@/lib/cn";

const ACTION_STYLE: Record<string, string> = {
  new: "bg-accent/15 text-accent",
  update: "bg-warning-soft text-warning",
  unchanged: "bg-surface-3 text-muted",
  error: "bg-danger-soft text-danger",
};

/** new / update / unchanged / error, coloured. */
export function ActionBadge({ action }: { action: string }) {
  return <span className={cn("rounded px-1.5 py-0.5 text-[11px] font-medium", ACTION_STYLE[action])}>{action}</span>;
}

/** The numbered steps of an import; `done` marks them all finished (the result is shown). */
export function StepList({ steps, current, done }: { steps: readonly string[]; current: number; done: boolean }) {
  return (
    <ol aria-label="Import steps" className="mb-5 flex flex-wrap gap-2">
      {steps.map((label, i) => (
        <li
          key={label}
          aria-current={i === current && !done ? "step" : undefined}
          className={cn(
            "flex items-center gap-2 rounded-full border px-3 py-1 text-xs",
            i === current && !done ? "border-accent text-fg" : i < current || done ? "border-line text-muted" : "border-line text-faint",
          )}
        >
          <span className="font-semibold tabular-nums">{i + 1}</span> {label}
        </li>
      ))}
    </ol>
  );
}
