import type { AccountRow } from "@/api/accounts";
import type { CustomFieldRead } from "@/api/projects";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ControlProps } from "@/features/create-entity/components/form-field";

/** The control for one custom field, by its type (text, number, date, boolean, choice, account). */
export function CustomFieldInput({
  def,
  value,
  accounts,
  onChange,
  control,
}: {
  def: CustomFieldRead;
  value: string | boolean | undefined;
  accounts: readonly AccountRow[];
  onChange: (value: string | boolean) => void;
  control: ControlProps;
}) {
  const text = typeof value === "string" ? value : "";
  switch (def.field_type) {
    case "boolean":
      return (
        <input type="checkbox" {...control} checked={value === true} onChange={(e) => onChange(e.target.checked)} className="size-4 self-start" />
      );
    case "choice":
      return (
        <Select {...control} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {def.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </Select>
      );
    case "account":
      return (
        <Select {...control} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">Nobody</option>
          {accounts.filter((a) => a.role !== "client").map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </Select>
      );
    case "number":
      return <Input {...control} type="number" step="any" className="h-8" value={text} onChange={(e) => onChange(e.target.value)} />;
    case "date":
      return <Input {...control} type="date" className="h-8" value={text} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <Input {...control} className="h-8" value={text} onChange={(e) => onChange(e.target.value)} />;
  }
}
