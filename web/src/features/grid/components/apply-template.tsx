import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { mayEditProduction } from "@/api/auth";
import type { EntityKind } from "@/api/entities";
import { isApiError } from "@/api/errors";
import { templatesQueryOptions, useApplyTemplate, type TemplateApplied } from "@/api/projects";
import { Select } from "@/components/ui/select";
import { useAccount } from "@/features/shell/hooks/use-account";

type Outcome =
  | { ok: true; result: TemplateApplied; targets: number }
  | { ok: false; message: string; problems: string[] };

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
}

function describeFailure(error: unknown, kind: EntityKind): Outcome {
  if (!isApiError(error)) return { ok: false, message: "Could not apply the template.", problems: [] };
  const prefix = `${kind}_ids.`;
  const problems = Object.entries(error.fields)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, text]) => text);
  return { ok: false, message: error.message, problems };
}

/**
 * "Apply template…" on the selected shots (or assets): every task of the template on every
 * one of them, in one call. Pairs that already have the task are skipped and counted; a
 * target that cannot take it (archived, gone) fails the whole call and is listed by name.
 * The selection stays, so another template can follow.
 */
export function ApplyTemplate({ kind, projectId, ids }: { kind: EntityKind; projectId: number; ids: number[] }) {
  const allowed = mayEditProduction(useAccount().role);
  const templates = useQuery({ ...templatesQueryOptions(projectId), enabled: allowed });
  const apply = useApplyTemplate(projectId);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const mine = (templates.data ?? []).filter((t) => t.applies_to === kind);
  if (!allowed) return null;

  function run(templateId: number) {
    setOutcome(null);
    const targets = ids.length;
    apply.mutate(
      { templateId, kind, ids },
      {
        onSuccess: (result) => setOutcome({ ok: true, result, targets }),
        onError: (error) => setOutcome(describeFailure(error, kind)),
      },
    );
  }

  return (
    <>
      <Select
        aria-label="Apply template"
        value=""
        disabled={apply.isPending || mine.length === 0}
        onChange={(e) => run(Number(e.target.value))}
      >
        <option value="" disabled>
          {templates.isPending ? "Loading templates…" : mine.length === 0 ? "No templates" : apply.isPending ? "Applying…" : "Apply template…"}
        </option>
        {mine.map((t) => (
          <option key={t.id} value={t.id}>{t.name}</option>
        ))}
      </Select>
      {outcome?.ok === true && (
        <span role="status" className="text-xs text-fg">
          Created {plural(outcome.result.created, "task")} on {plural(outcome.targets, kind)}
          {outcome.result.skipped > 0 && `; ${plural(outcome.result.skipped, "task")} already existed and ${outcome.result.skipped === 1 ? "was" : "were"} skipped`}.
        </span>
      )}
      {outcome?.ok === false && (
        <div role="alert" className="basis-full rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-xs text-danger">
          <p>{outcome.message}</p>
          {outcome.problems.length > 0 && (
            <ul aria-label={`Problems by ${kind}`} className="mt-1 list-disc pl-5">
              {outcome.problems.map((p) => <li key={p}>{p}</li>)}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
