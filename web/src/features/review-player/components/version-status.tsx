import { isProcessing, type VersionRead } from "@/api/review";

const LABELS = {
  pending_review: ["Pending review", "#f6c15b"],
  changes_requested: ["Changes requested", "#ff7b84"],
  approved: ["Approved", "#34c759"],
} as const;

export function VersionStatusPill({ version }: { version: VersionRead }) {
  const failed = (version.media ?? []).find((m) => m.state === "failed");
  const [label, color] = failed
    ? ["Failed", "#ff7b84"]
    : isProcessing(version)
      ? ["Processing…", "#9098ab"]
      : LABELS[version.status];
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-line bg-surface-2 px-2 py-0.5 text-xs text-fg">
      <span aria-hidden="true" className="size-2 rounded-full" style={{ background: color }} />
      {label}
      {version.ready_to_share && <span className="text-muted">· ready to share</span>}
    </span>
  );
}
