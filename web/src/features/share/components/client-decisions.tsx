import type { UseMutationResult } from "@tanstack/react-query";
import { Check, RotateCcw } from "lucide-react";
import { useState } from "react";

import { isApiError } from "@/api/errors";
import type { ClientDecision, ClientPlayerData } from "@/api/share";
import { Button } from "@/components/ui/button";
import { formatWhen } from "@/features/review-player/format";

type Decide = UseMutationResult<unknown, Error, { decision: ClientDecision; text: string | null }>;

/** The client's Approve / Request changes (when the link allows it) and the decisions so far. */
export function ClientDecisions({ data, decide }: { data: ClientPlayerData; decide: Decide }) {
  const [text, setText] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const run = (decision: ClientDecision) => {
    setMessage(null);
    decide.mutate(
      { decision, text: text.trim() || null },
      {
        onSuccess: () => {
          setText("");
          setMessage(decision === "approve" ? "Approved. Thank you!" : "Changes requested. The studio has been told.");
        },
        onError: (error) => setMessage(isApiError(error) ? error.message : "Could not save your decision."),
      },
    );
  };
  const latest = data.decisions.at(-1);
  return (
    <section aria-label="Decision" className="space-y-2 rounded-lg border border-line bg-surface p-3">
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-mono text-sm font-semibold">{data.version.label}</h3>
        {latest && (
          <span className={latest.decision === "approved" ? "text-xs font-medium text-[#34c759]" : "text-xs font-medium text-danger"}>
            {latest.decision === "approved" ? "Approved" : "Changes requested"} · {latest.by}
          </span>
        )}
      </div>
      {data.version.description && <p className="text-sm text-muted">{data.version.description}</p>}
      {data.can_approve ? (
        <>
          <input
            aria-label="Decision note (optional)"
            placeholder="Optional note with your decision"
            value={text}
            onChange={(e) => setText(e.target.value)}
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
        </>
      ) : (
        <p className="text-xs text-muted">{data.can_comment ? "This link is for viewing and notes." : "This link is for viewing."}</p>
      )}
      {message && (
        <p role={decide.isError ? "alert" : "status"} className={decide.isError ? "text-sm text-danger" : "text-sm text-muted"}>
          {message}
        </p>
      )}
      {data.decisions.length > 0 && (
        <ul aria-label="Decisions" className="space-y-0.5 text-xs text-muted">
          {[...data.decisions].reverse().map((d) => (
            <li key={d.id}>
              {d.decision === "approved" ? "Approved" : "Changes requested"} by {d.by} · {formatWhen(d.created_at)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
