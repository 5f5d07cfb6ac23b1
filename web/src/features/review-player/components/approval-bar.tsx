import { Check, RotateCcw } from "lucide-react";
import { useState } from "react";

import type { AccountRead } from "@/api/auth";
import { isApiError } from "@/api/errors";
import { canDecide, useDecide, type Decision, type VersionRead } from "@/api/review";
import { Button } from "@/components/ui/button";
import { VersionStatusPill } from "@/features/review-player/components/version-status";
import { ShareWithClient } from "@/features/share";

/**
 * Approve / Request changes with an optional note. Shown to everyone, enabled for supervisors
 * and up; a 403 from the server (e.g. not a supervisor of this project) is shown as is.
 */
export function ApprovalBar({ version, account }: { version: VersionRead; account: AccountRead }) {
  const decide = useDecide(version.id, version.task_id);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const allowed = canDecide(account.role);
  const run = (decision: Decision) => {
    setMessage(null);
    decide.mutate(
      { decision, note: note.trim() || null },
      {
        onSuccess: () => {
          setNote("");
          setMessage(decision === "approve" ? "Approved." : "Changes requested.");
        },
        onError: (error) =>
          setMessage(isApiError(error, 403) ? `Not allowed: ${error.message}` : isApiError(error) ? error.message : "Could not save the decision."),
      },
    );
  };
  return (
    <section aria-label="Decision" className="space-y-2 rounded-lg border border-line bg-surface p-3">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">v{String(version.number).padStart(3, "0")}</h3>
        <VersionStatusPill version={version} />
      </div>
      {allowed ? (
        <>
          <input
            aria-label="Decision note (optional)"
            placeholder="Optional note with the decision"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => e.stopPropagation()}
            className="h-8 w-full rounded-md border border-line bg-surface-2 px-2 text-sm text-fg placeholder:text-faint focus:border-accent focus:outline-none"
          />
          <div className="flex gap-2">
            <Button size="sm" className="flex-1" disabled={decide.isPending} onClick={() => run("approve")}>
              <Check aria-hidden="true" className="size-4" /> Approve
            </Button>
            <Button size="sm" variant="secondary" className="flex-1" disabled={decide.isPending} onClick={() => run("request-changes")}>
              <RotateCcw aria-hidden="true" className="size-4" /> Request changes
            </Button>
          </div>
          <ShareWithClient version={version} />
        </>
      ) : (
        <p className="text-xs text-muted">Supervisors approve or request changes; you can leave notes.</p>
      )}
      {message && (
        <p role={decide.isError ? "alert" : "status"} className={decide.isError ? "text-sm text-danger" : "text-sm text-muted"}>
          {message}
        </p>
      )}
    </section>
  );
}
