import { isProcessing, type VersionRead } from "@/api/review";
import { VERSION_STATUS } from "@/features/review-player/format";

export function VersionStatusPill({ version }: { version: VersionRead }) {
  const failed = (version.media ?? []).find((m) => m.state === "failed");
  const [label, color] = failed
    ? ["Failed", "#ff7b84"]
    : isProcessing(version)
      ? ["Processing…", "#9098ab"]
      : VERSION_STATUS[version.status];
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-line bg-surface-2 px-2 py-0.5 text-xs text-fg">
      <span aria-hidden="true" className="size-2 rounded-full" style={{ background: color }} />
      {label}
      {version.ready_to_share && <span className="text-muted">· ready to share</span>}
    </span>
  );
}
