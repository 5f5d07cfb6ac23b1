import { useQuery } from "@tanstack/react-query";

import { sequencesQueryOptions, type AssetType } from "@/api/entities";
import { str, type Row } from "@/api/lists";
import { ENTITY_STATUSES } from "@/api/projects";
import { PRIORITY_LABELS } from "@/components/ui/bits";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { Draft } from "@/features/create-entity/build-body";
import { FormField } from "@/features/create-entity/components/form-field";

const ASSET_TYPES: readonly AssetType[] = ["character", "prop", "environment", "vehicle", "fx", "matte_painting", "custom"];

export interface KindFieldsProps {
  projectId: number;
  draft: Draft;
  set: (key: string, value: string) => void;
  problems: Record<string, string>;
}

const label = (value: string) => value.replace("_", " ");

function StatusField({ draft, set, problems, id }: KindFieldsProps & { id: string }) {
  return (
    <FormField id={id} label="Status" error={problems.status}>
      {(c) => (
        <Select {...c} value={draft.status} onChange={(e) => set("status", e.target.value)}>
          {ENTITY_STATUSES.map((s) => <option key={s} value={s}>{label(s)}</option>)}
        </Select>
      )}
    </FormField>
  );
}

/** Sequences grouped by episode (`<optgroup>`), those without one first. */
function bySequenceEpisode(rows: readonly Row[]): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const episode = str(row["episode.code"]);
    groups.set(episode, [...(groups.get(episode) ?? []), row]);
  }
  return [...groups.entries()];
}

export function ShotFields(props: KindFieldsProps) {
  const { projectId, draft, set, problems } = props;
  const sequences = useQuery(sequencesQueryOptions(projectId));
  return (
    <>
      <FormField id="new-shot-sequence" label="Sequence (episode)" error={problems.sequence_id}>
        {(c) => (
          <Select {...c} value={draft.sequence_id} onChange={(e) => set("sequence_id", e.target.value)}>
            <option value="">No sequence</option>
            {bySequenceEpisode(sequences.data?.items ?? []).map(([episode, rows]) => {
              const options = rows.map((r) => (
                <option key={r.id} value={r.id}>{str(r.code)}{str(r.name) ? ` — ${str(r.name)}` : ""}</option>
              ));
              return episode ? <optgroup key={episode} label={`Episode ${episode}`}>{options}</optgroup> : options;
            })}
          </Select>
        )}
      </FormField>
      <FormField id="new-shot-frame-in" label="Frame in" error={problems.frame_in}>
        {(c) => <Input {...c} type="number" step={1} className="h-8" value={draft.frame_in} onChange={(e) => set("frame_in", e.target.value)} />}
      </FormField>
      <FormField id="new-shot-frame-out" label="Frame out" error={problems.frame_out}>
        {(c) => <Input {...c} type="number" step={1} className="h-8" value={draft.frame_out} onChange={(e) => set("frame_out", e.target.value)} />}
      </FormField>
      <StatusField {...props} id="new-shot-status" />
    </>
  );
}

export function AssetFields(props: KindFieldsProps) {
  const { draft, set, problems } = props;
  return (
    <>
      <FormField id="new-asset-name" label="Name" error={problems.name}>
        {(c) => <Input {...c} className="h-8" value={draft.name} onChange={(e) => set("name", e.target.value)} />}
      </FormField>
      <FormField id="new-asset-type" label="Type" error={problems.asset_type}>
        {(c) => (
          <Select {...c} value={draft.asset_type} onChange={(e) => set("asset_type", e.target.value)}>
            {ASSET_TYPES.map((t) => <option key={t} value={t}>{label(t)}</option>)}
          </Select>
        )}
      </FormField>
      {draft.asset_type === "custom" && (
        <FormField id="new-asset-custom-type" label="Custom type" error={problems.custom_type}>
          {(c) => <Input {...c} className="h-8" value={draft.custom_type} onChange={(e) => set("custom_type", e.target.value)} />}
        </FormField>
      )}
      <FormField id="new-asset-priority" label="Priority" error={problems.priority}>
        {(c) => (
          <Select {...c} value={draft.priority} onChange={(e) => set("priority", e.target.value)}>
            {PRIORITY_LABELS.map((p, i) => <option key={p} value={i}>{p}</option>)}
          </Select>
        )}
      </FormField>
      <FormField id="new-asset-due" label="Due date" error={problems.due_date}>
        {(c) => <Input {...c} type="date" className="h-8" value={draft.due_date} onChange={(e) => set("due_date", e.target.value)} />}
      </FormField>
      <StatusField {...props} id="new-asset-status" />
    </>
  );
}
