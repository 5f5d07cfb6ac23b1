/* eslint-disable react-refresh/only-export-components -- small display helpers travel with their date rules */
import type { ReactNode } from "react";

import { Spinner } from "@/components/ui/spinner";
import { isApiError } from "@/api/errors";
import { cn } from "@/lib/cn";
import { initials } from "@/lib/initials";

/** A status dot + name in the status colour. */
export function StatusPill({ name, color }: { name: string; color?: string | null }) {
  return (
    <span className="inline-flex items-center gap-1.5 truncate rounded-full border border-line bg-surface-2 px-2 py-0.5 text-xs text-fg">
      <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: color ?? "#6b7280" }} />
      {name}
    </span>
  );
}

export function Avatars({ names, max = 3 }: { names: readonly string[]; max?: number }) {
  if (names.length === 0) return <span className="text-xs text-faint">Unassigned</span>;
  return (
    <span className="flex -space-x-1.5" title={names.join(", ")}>
      {names.slice(0, max).map((name) => (
        <span
          key={name}
          aria-label={name}
          className="flex size-6 items-center justify-center rounded-full border border-surface bg-accent/25 text-[10px] font-semibold text-accent"
        >
          {initials(name)}
        </span>
      ))}
      {names.length > max && (
        <span className="flex size-6 items-center justify-center rounded-full border border-surface bg-surface-3 text-[10px] text-muted">
          +{names.length - max}
        </span>
      )}
    </span>
  );
}

const PRIORITY = ["Low", "Normal", "High", "Urgent"] as const;
export const PRIORITY_LABELS: readonly string[] = PRIORITY;

export function Priority({ value }: { value: number }) {
  const label = PRIORITY[Math.max(0, Math.min(3, value))] ?? String(value);
  return (
    <span className={cn("text-xs", value >= 3 ? "text-danger" : value === 2 ? "text-warning" : "text-muted")}>
      {label}
    </span>
  );
}

export function isOverdue(due: string | null | undefined, done: boolean, today = todayIso()): boolean {
  return !!due && !done && due < today;
}

export function todayIso(): string {
  const d = new Date();
  return `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function DueDate({ value, overdue }: { value: string | null | undefined; overdue: boolean }) {
  if (!value) return <span className="text-xs text-faint">No due date</span>;
  return (
    <span className={cn("text-xs tabular-nums", overdue ? "font-medium text-danger" : "text-muted")}>
      {overdue && <span className="sr-only">Overdue: </span>}
      {value}
    </span>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 p-6 text-sm text-muted">
      <Spinner /> {label}
    </div>
  );
}

export function ErrorNote({ error, children }: { error?: unknown; children?: ReactNode }) {
  return (
    <div role="alert" className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">
      {children ?? (isApiError(error) ? error.message : "Something went wrong.")}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center p-8 text-center">
      <p className="text-sm font-medium text-fg">{title}</p>
      {children && <p className="mt-1 max-w-md text-xs text-muted">{children}</p>}
    </div>
  );
}

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}
