import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useRef, useState, type SyntheticEvent } from "react";
import { Link } from "react-router";

import { accountsQueryOptions } from "@/api/accounts";
import { useCreateEntity, type EntityKind } from "@/api/entities";
import { customFieldsQueryOptions } from "@/api/projects";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { assetBody, EMPTY_DRAFT, FORM_KEYS, shotBody, type Draft } from "@/features/create-entity/build-body";
import { CustomFieldInput } from "@/features/create-entity/components/custom-field-input";
import { FormField } from "@/features/create-entity/components/form-field";
import { AssetFields, ShotFields } from "@/features/create-entity/components/kind-fields";
import { customValues, type CustomDraft } from "@/features/create-entity/custom-values";
import { NO_PROBLEMS, problemsFrom, type FormProblems } from "@/features/create-entity/form-errors";

/** What stays filled after a create, for typing the next one (sequence, status, type). */
const KEEP: Record<EntityKind, readonly string[]> = { shot: ["sequence_id", "status"], asset: ["asset_type", "status", "priority"] };

/**
 * Create one shot (code, sequence, description, frame range, status, custom fields) or one
 * asset. Problems show under the field they concern — checked here first, then whatever the
 * server names (a taken code, a required custom field). After a create the form clears for
 * the next one and links to the new row.
 */
export function EntityForm({ kind, projectId, onClose }: { kind: EntityKind; projectId: number; onClose: () => void }) {
  const customDefs = useQuery(customFieldsQueryOptions(projectId));
  const accounts = useQuery(accountsQueryOptions());
  const create = useCreateEntity(kind, projectId);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT[kind]);
  const [custom, setCustom] = useState<CustomDraft>({});
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  const [created, setCreated] = useState<{ id: number; code: string } | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const defs = (customDefs.data ?? []).filter((d) => d.entity_type === kind);
  const known = new Set([...FORM_KEYS[kind], ...defs.map((d) => `custom.${d.key}`)]);
  const noun = kind === "shot" ? "Shot" : "Asset";

  /** A field's problem goes away as soon as the field is edited. */
  function forget(key: string) {
    setProblems((p) => {
      if (!(key in p.fields)) return p;
      return { ...p, fields: Object.fromEntries(Object.entries(p.fields).filter(([k]) => k !== key)) };
    });
  }
  const set = (key: string, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    forget(key);
  };

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const extra = customValues(defs, custom);
    const built = kind === "shot" ? shotBody(draft, extra.values) : assetBody(draft, extra.values);
    const local = { ...built.problems, ...extra.problems };
    if (Object.keys(local).length > 0) {
      setProblems({ fields: local, message: null });
      return;
    }
    setProblems(NO_PROBLEMS);
    create.mutate(built.body, {
      onSuccess: (row) => {
        setCreated({ id: row.id, code: row.code });
        setDraft({ ...EMPTY_DRAFT[kind], ...Object.fromEntries(KEEP[kind].map((k) => [k, draft[k] ?? ""])) });
        setCustom({});
        codeRef.current?.focus();
      },
      onError: (error) => setProblems(problemsFrom(error, known)),
    });
  }

  const fieldProps = { projectId, draft, set, problems: problems.fields };
  return (
    <form
      aria-label={`New ${kind}`}
      noValidate
      onSubmit={submit}
      className="order-last basis-full rounded-lg border border-line bg-surface p-4"
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-sm font-semibold">New {kind}</h2>
        <Button variant="ghost" size="sm" aria-label={`Close the new ${kind} form`} onClick={onClose}>
          <X aria-hidden="true" className="size-3.5" />
        </Button>
      </div>
      {problems.message && (
        <p role="alert" className="mb-3 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">{problems.message}</p>
      )}
      <div className="grid grid-cols-[repeat(auto-fill,minmax(180px,1fr))] gap-3">
        <FormField id={`new-${kind}-code`} label="Code" error={problems.fields.code}>
          {(c) => <Input {...c} ref={codeRef} className="h-8 font-mono" autoFocus autoComplete="off" value={draft.code} onChange={(e) => set("code", e.target.value)} />}
        </FormField>
        {kind === "shot" ? <ShotFields {...fieldProps} /> : <AssetFields {...fieldProps} />}
        {defs.map((def) => (
          <FormField key={def.key} id={`new-${kind}-custom-${def.key}`} label={def.required ? `${def.label} (required)` : def.label} error={problems.fields[`custom.${def.key}`]}>
            {(c) => (
              <CustomFieldInput def={def} value={custom[def.key]} accounts={accounts.data ?? []} control={c} onChange={(v) => { setCustom((d) => ({ ...d, [def.key]: v })); forget(`custom.${def.key}`); }} />
            )}
          </FormField>
        ))}
        <FormField id={`new-${kind}-description`} label="Description" error={problems.fields.description} className="col-span-full">
          {(c) => (
            <textarea
              {...c}
              rows={2}
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
              className="rounded-md border border-line bg-surface-2 px-3 py-2 text-sm text-fg focus:border-accent focus:ring-2 focus:ring-accent/30 focus:outline-none aria-invalid:border-danger"
            />
          )}
        </FormField>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" size="sm" disabled={create.isPending}>{create.isPending ? "Creating…" : `Create ${kind}`}</Button>
        {created && (
          <p role="status" className="text-sm text-fg">
            {noun}{" "}
            <Link className="font-mono underline" to={`/projects/${String(projectId)}/${kind}s/${String(created.id)}`}>{created.code}</Link>{" "}
            created.
          </p>
        )}
      </div>
    </form>
  );
}
