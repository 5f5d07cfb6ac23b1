/* eslint-disable react-refresh/only-export-components -- a table of column definitions, no components to refresh */
import type { ReactNode } from "react";
import { Link } from "react-router";

import type { EntityKind } from "@/api/entities";
import { num, str, strList, type Row } from "@/api/lists";
import type { CustomFieldRead } from "@/api/projects";
import { Avatars, DueDate, isOverdue, Priority, StatusPill } from "@/components/ui/bits";

export type GridKind = EntityKind | "task";

export type EditorKind = "text" | "number" | "date" | "priority" | "task-status" | "entity-status" | "assignees" | "boolean";

export interface GridColumn {
  /** The field path asked from the API; also the sort key. */
  key: string;
  label: string;
  width: number;
  /** Other fields the cell needs (`status.name` for a status cell). */
  needs?: readonly string[];
  sortable?: boolean;
  defaultVisible?: boolean;
  editor?: EditorKind;
  render: (row: Row, projectId: number) => ReactNode;
}

function text(key: string) {
  return (row: Row) => <span className="truncate">{str(row[key]) || <span className="text-faint">—</span>}</span>;
}

function due(key: string) {
  return (row: Row) => {
    const value = str(row[key]) || null;
    const cat = str(row["status.category"]);
    return <DueDate value={value} overdue={isOverdue(value, cat === "done" || cat === "omitted" || cat === "")} />;
  };
}

const TASK_COLUMNS: GridColumn[] = [
  {
    key: "shot.code",
    label: "Shot / asset",
    width: 130,
    needs: ["asset.code", "shot", "asset"],
    sortable: true,
    render: (row) => <span className="truncate font-mono text-xs">{str(row["shot.code"]) || str(row["asset.code"])}</span>,
  },
  {
    key: "title",
    label: "Task",
    width: 180,
    sortable: true,
    editor: "text",
    render: (row) => (
      <Link to={`/tasks/${String(row.id)}`} className="truncate text-fg hover:underline" onClick={(e) => e.stopPropagation()}>
        {str(row.title)}
      </Link>
    ),
  },
  { key: "task_type.name", label: "Type", width: 110, sortable: true, render: text("task_type.name") },
  {
    key: "status",
    label: "Status",
    width: 150,
    needs: ["status.name", "status.color", "status.category"],
    sortable: true,
    editor: "task-status",
    render: (row) => <StatusPill name={str(row["status.name"])} color={str(row["status.color"])} />,
  },
  {
    key: "assignees",
    label: "Assignees",
    width: 130,
    needs: ["assignees.name"],
    editor: "assignees",
    render: (row) => <Avatars names={strList(row["assignees.name"])} />,
  },
  {
    key: "due_date",
    label: "Due",
    width: 110,
    needs: ["status.category"],
    sortable: true,
    editor: "date",
    render: (row) => {
      const value = str(row.due_date) || null;
      const cat = str(row["status.category"]);
      return <DueDate value={value} overdue={isOverdue(value, cat === "done" || cat === "omitted")} />;
    },
  },
  {
    key: "priority",
    label: "Priority",
    width: 90,
    sortable: true,
    editor: "priority",
    render: (row) => <Priority value={num(row.priority) ?? 0} />,
  },
  { key: "estimated_hours", label: "Est. h", width: 70, sortable: true, editor: "number", render: text("estimated_hours") },
  { key: "start_date", label: "Start", width: 110, sortable: true, defaultVisible: false, editor: "date", render: text("start_date") },
  { key: "description", label: "Description", width: 220, defaultVisible: false, editor: "text", render: text("description") },
];

const SHOT_COLUMNS: GridColumn[] = [
  {
    key: "code",
    label: "Shot",
    width: 140,
    sortable: true,
    render: (row, projectId) => (
      <Link
        to={`/projects/${String(projectId)}/shots/${String(row.id)}`}
        className="truncate font-mono text-xs text-fg hover:underline"
        onClick={(e) => e.stopPropagation()}
      >
        {str(row.code)}
      </Link>
    ),
  },
  { key: "sequence.code", label: "Sequence", width: 100, sortable: true, render: text("sequence.code") },
  { key: "status", label: "Status", width: 120, sortable: true, editor: "entity-status", render: (row) => <StatusPill name={str(row.status).replace("_", " ")} /> },
  { key: "description", label: "Description", width: 240, editor: "text", render: text("description") },
  { key: "frame_in", label: "In", width: 70, sortable: true, editor: "number", render: text("frame_in") },
  { key: "frame_out", label: "Out", width: 70, sortable: true, editor: "number", render: text("frame_out") },
  { key: "working_duration", label: "Frames", width: 80, sortable: true, render: text("working_duration") },
  { key: "cut_in", label: "Cut in", width: 80, sortable: true, defaultVisible: false, editor: "number", render: text("cut_in") },
  { key: "cut_out", label: "Cut out", width: 80, sortable: true, defaultVisible: false, editor: "number", render: text("cut_out") },
];

const ASSET_COLUMNS: GridColumn[] = [
  {
    key: "code",
    label: "Asset",
    width: 130,
    sortable: true,
    render: (row, projectId) => (
      <Link
        to={`/projects/${String(projectId)}/assets/${String(row.id)}`}
        className="truncate font-mono text-xs text-fg hover:underline"
        onClick={(e) => e.stopPropagation()}
      >
        {str(row.code)}
      </Link>
    ),
  },
  { key: "name", label: "Name", width: 180, sortable: true, editor: "text", render: text("name") },
  { key: "asset_type", label: "Type", width: 110, sortable: true, render: text("asset_type") },
  { key: "status", label: "Status", width: 120, sortable: true, editor: "entity-status", render: (row) => <StatusPill name={str(row.status).replace("_", " ")} /> },
  { key: "priority", label: "Priority", width: 90, sortable: true, editor: "priority", render: (row) => <Priority value={num(row.priority) ?? 0} /> },
  { key: "lead.name", label: "Lead", width: 130, sortable: true, render: text("lead.name") },
  { key: "due_date", label: "Due", width: 110, sortable: true, editor: "date", render: due("due_date") },
  { key: "description", label: "Description", width: 220, defaultVisible: false, editor: "text", render: text("description") },
];

export const BASE_COLUMNS: Record<GridKind, GridColumn[]> = {
  task: TASK_COLUMNS,
  shot: SHOT_COLUMNS,
  asset: ASSET_COLUMNS,
};

/** The text field the grid's quick filter searches. */
export const SEARCH_FIELD: Record<GridKind, string> = { task: "title", shot: "code", asset: "code" };

const CUSTOM_EDITORS: Record<CustomFieldRead["field_type"], EditorKind | undefined> = {
  text: "text",
  number: "number",
  date: "date",
  boolean: "boolean",
  choice: "text",
  account: undefined,
};

/** Custom fields of the project become optional columns (`custom.<key>`). */
export function customColumns(defs: readonly CustomFieldRead[], kind: GridKind): GridColumn[] {
  return defs
    .filter((d) => d.entity_type === kind && d.archived_at === null)
    .map((d) => ({
      key: `custom.${d.key}`,
      label: d.label,
      width: 140,
      sortable: true,
      defaultVisible: false,
      editor: CUSTOM_EDITORS[d.field_type],
      render: (row: Row) => {
        const value = row[`custom.${d.key}`];
        return <span className="truncate">{str(value) || "—"}</span>;
      },
    }));
}
