import { useState, type KeyboardEvent } from "react";

import type { AccountRow } from "@/api/accounts";
import { num, numList, str, type Row } from "@/api/lists";
import { ENTITY_STATUSES, type TaskStatusRead } from "@/api/projects";
import { PRIORITY_LABELS } from "@/components/ui/bits";
import { Select } from "@/components/ui/select";
import type { EditorKind } from "@/features/grid/columns";

export type EditValue = string | number | boolean | number[] | null;

interface CellEditorProps {
  kind: EditorKind;
  field: string;
  label: string;
  row: Row;
  statuses: readonly TaskStatusRead[];
  accounts: readonly AccountRow[];
  onCommit: (value: EditValue) => void;
  onCancel: () => void;
}

const cls = "h-7 w-full min-w-0 text-xs";

/** The in-cell editor: Enter or change commits, Escape cancels. */
export function CellEditor({ kind, field, label, row, statuses, accounts, onCommit, onCancel }: CellEditorProps) {
  const initial = row[field];
  const [draft, setDraft] = useState(str(initial));
  const name = `Edit ${label}`;

  function onKey(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      onCancel();
    }
    if (e.key === "Enter") {
      e.preventDefault();
      commitDraft();
    }
  }

  function commitDraft() {
    if (draft === str(initial)) onCancel();
    else if (kind === "number") onCommit(draft === "" ? null : Number(draft));
    else onCommit(draft === "" ? null : draft);
  }

  switch (kind) {
    case "task-status":
      return (
        <Select aria-label={name} className={cls} autoFocus defaultValue={String(num(initial) ?? "")} onKeyDown={onKey} onBlur={onCancel}
          onChange={(e) => onCommit(Number(e.target.value))}>
          {statuses.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </Select>
      );
    case "entity-status":
      return (
        <Select aria-label={name} className={cls} autoFocus defaultValue={str(initial)} onKeyDown={onKey} onBlur={onCancel}
          onChange={(e) => onCommit(e.target.value)}>
          {ENTITY_STATUSES.map((s) => <option key={s} value={s}>{s.replace("_", " ")}</option>)}
        </Select>
      );
    case "priority":
      return (
        <Select aria-label={name} className={cls} autoFocus defaultValue={String(num(initial) ?? 1)} onKeyDown={onKey} onBlur={onCancel}
          onChange={(e) => onCommit(Number(e.target.value))}>
          {PRIORITY_LABELS.map((p, i) => <option key={p} value={i}>{p}</option>)}
        </Select>
      );
    case "assignees": {
      const current = numList(initial)[0];
      return (
        <Select aria-label={name} className={cls} autoFocus defaultValue={current === undefined ? "" : String(current)} onKeyDown={onKey} onBlur={onCancel}
          onChange={(e) => onCommit(e.target.value === "" ? [] : [Number(e.target.value)])}>
          <option value="">Unassigned</option>
          {accounts.filter((a) => a.role !== "client").map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </Select>
      );
    }
    case "boolean":
      return (
        <Select aria-label={name} className={cls} autoFocus defaultValue={String(initial === true)} onKeyDown={onKey} onBlur={onCancel}
          onChange={(e) => onCommit(e.target.value === "true")}>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </Select>
      );
    default:
      return (
        <input
          aria-label={name}
          autoFocus
          type={kind === "date" ? "date" : kind === "number" ? "number" : "text"}
          className="h-7 w-full min-w-0 rounded border border-accent bg-surface-2 px-1.5 text-xs text-fg focus:outline-none"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          onBlur={commitDraft}
        />
      );
  }
}
