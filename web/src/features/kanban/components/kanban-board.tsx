import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from "@dnd-kit/core";
import { CSS } from "@dnd-kit/utilities";
import { observeElementRect, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";

import { accountsQueryOptions } from "@/api/accounts";
import { api } from "@/api/client";
import { isApiError, unwrap } from "@/api/errors";
import { ifMatch, num, numList, str, strList, type ListPage, type ListParams, type Row } from "@/api/lists";
import { BOARD_CATEGORIES, CATEGORY_LABELS, statusesQueryOptions, taskTypesQueryOptions, type StatusCategory, type TaskStatusRead } from "@/api/projects";
import { CARD_FIELDS, invalidateTaskLists, projectTasksQueryOptions, taskKeys } from "@/api/tasks";
import { Avatars, DueDate, ErrorNote, isOverdue, Loading, Priority } from "@/components/ui/bits";
import { Select } from "@/components/ui/select";
import { CardReview } from "@/features/kanban/components/card-review";
import { TaskShareMenu } from "@/features/share";
import { cn } from "@/lib/cn";

const BOARD_LIMIT = 2000;
/** Columns longer than this render only the cards in view (plus overscan). */
export const VIRTUALIZE_AFTER = 40;
const CARD_ESTIMATE = 132;
const CARD_GAP = 8;

interface MoveVars {
  row: Row;
  status: TaskStatusRead;
}

function messageFor(error: unknown): string {
  if (isApiError(error, 403)) return "You can only move tasks assigned to you. The card went back.";
  if (isApiError(error, 412) || isApiError(error, 409))
    return "Someone else changed this task meanwhile. The card went back; the board is reloading.";
  return isApiError(error) ? `${error.message} The card went back.` : "Could not move the task. The card went back.";
}

/**
 * The project's task board: one column per status category, drag a card (mouse, touch or
 * keyboard: focus a card, Space, arrows, Space) to change its status. The move shows at once
 * and rolls back with a message when the server refuses.
 */
export function KanbanBoard({ projectId }: { projectId: number }) {
  const qc = useQueryClient();
  const statuses = useQuery(statusesQueryOptions(projectId));
  const accounts = useQuery(accountsQueryOptions());
  const [artist, setArtist] = useState("");
  const [search, setSearch] = useState("");
  const [entity, setEntity] = useState<"" | "shot" | "asset">("");
  const taskTypes = useQuery(taskTypesQueryOptions());
  const [taskType, setTaskType] = useState("");
  const [due, setDue] = useState<"" | "overdue" | "due_this_week">("");
  const [message, setMessage] = useState<string | null>(null);

  const params: ListParams = useMemo(() => {
    const filters: Record<string, string> = {};
    if (artist) filters["assignees.id"] = artist;
    if (entity === "shot") filters["shot.id__is_empty"] = "false";
    if (entity === "asset") filters["asset.id__is_empty"] = "false";
    if (search.trim()) filters[entity === "asset" ? "asset.code__contains" : "shot.code__contains"] = search.trim();
    if (taskType) filters["task_type.id"] = taskType;
    const view = due || undefined;
    return { filters, fields: [...CARD_FIELDS], limit: BOARD_LIMIT, sort: ["due_date", "id"], view };
  }, [artist, entity, search, taskType, due]);
  const options = projectTasksQueryOptions(projectId, params);
  const tasks = useQuery(options);

  const move = useMutation({
    mutationFn: ({ row, status }: MoveVars) =>
      unwrap(
        api.PATCH("/api/v1/tasks/{task_id}", {
          params: { path: { task_id: row.id }, header: { "if-match": ifMatch(num(row.row_version) ?? 0) } },
          body: { status_id: status.id },
        }),
      ),
    onMutate: async ({ row, status }) => {
      setMessage(null);
      await qc.cancelQueries({ queryKey: taskKeys.lists() });
      const previous = qc.getQueryData<ListPage>(options.queryKey);
      qc.setQueryData<ListPage>(options.queryKey, (page) =>
        page && {
          ...page,
          items: page.items.map((r) =>
            r.id === row.id
              ? { ...r, status: status.id, "status.name": status.name, "status.color": status.color, "status.category": status.category }
              : r,
          ),
        },
      );
      return { previous };
    },
    onError: (error, _vars, context) => {
      if (context?.previous) qc.setQueryData(options.queryKey, context.previous);
      setMessage(messageFor(error));
      if (isApiError(error, 412)) void invalidateTaskLists(qc);
    },
    onSuccess: (task) => {
      qc.setQueryData<ListPage>(options.queryKey, (page) =>
        page && { ...page, items: page.items.map((r) => (r.id === task.id ? { ...r, row_version: task.row_version } : r)) },
      );
      void qc.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor),
  );

  const byCategory = useMemo(() => {
    const groups = new Map<StatusCategory, Row[]>(BOARD_CATEGORIES.map((c) => [c, []]));
    for (const row of tasks.data?.items ?? []) {
      groups.get(str(row["status.category"]) as StatusCategory)?.push(row);
    }
    return groups;
  }, [tasks.data]);

  const moveTo = (id: number, category: StatusCategory) => {
    const row = tasks.data?.items.find((r) => r.id === id);
    if (!row || str(row["status.category"]) === category) return;
    const status = statuses.data?.find((s) => s.category === category);
    if (!status) return;
    move.mutate({ row, status });
  };
  // Cards are memoized; they get one stable callback that always sees the latest data.
  const moveRef = useRef(moveTo);
  useEffect(() => {
    moveRef.current = moveTo;
  });
  const onMove = useCallback((id: number, category: StatusCategory) => moveRef.current(id, category), []);

  function onDragEnd(event: DragEndEvent) {
    const category = event.over?.id as StatusCategory | undefined;
    if (category) onMove(Number(event.active.id), category);
  }

  if (tasks.isPending || statuses.isPending) return <Loading label="Loading the board…" />;
  if (tasks.isError) return <ErrorNote error={tasks.error} />;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Select aria-label="Board entity" value={entity} onChange={(e) => setEntity(e.target.value as "" | "shot" | "asset")}>
          <option value="">Shots and assets</option>
          <option value="shot">Shots only</option>
          <option value="asset">Assets only</option>
        </Select>
        <input
          type="search"
          aria-label={entity === "asset" ? "Filter by asset code" : "Filter by shot code"}
          placeholder={entity === "asset" ? "Asset code…" : "Shot code…"}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="h-8 w-48 rounded-md border border-line bg-surface-2 px-2.5 text-sm text-fg placeholder:text-faint"
        />
        <Select aria-label="Artist filter" value={artist} onChange={(e) => setArtist(e.target.value)}>
          <option value="">Everyone</option>
          {(accounts.data ?? []).filter((a) => a.role !== "client").map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </Select>
        <Select aria-label="Task type filter" value={taskType} onChange={(e) => setTaskType(e.target.value)}>
          <option value="">All task types</option>
          {(taskTypes.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </Select>
        <Select aria-label="Due date filter" value={due} onChange={(e) => setDue(e.target.value as "" | "overdue" | "due_this_week")}>
          <option value="">Any due date</option>
          <option value="overdue">Overdue</option>
          <option value="due_this_week">Due this week</option>
        </Select>
        <span className="ml-auto text-xs text-muted">{tasks.data.total ?? tasks.data.items.length} tasks</span>
      </div>
      {message && (
        <div role="alert" className="flex justify-between rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">
          {message}
          <button type="button" className="text-xs underline" onClick={() => setMessage(null)}>Dismiss</button>
        </div>
      )}
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ screenReaderInstructions: { draggable: "Press space to pick up a task, arrow keys to move it to another column, space to drop, escape to cancel." } }}>
        <div className="grid min-h-0 flex-1 auto-cols-[minmax(230px,1fr)] grid-flow-col gap-3 overflow-x-auto pb-2">
          {BOARD_CATEGORIES.map((category) => (
            <Column key={category} category={category} rows={byCategory.get(category) ?? []} onMove={onMove} />
          ))}
        </div>
      </DndContext>
    </div>
  );
}

type OnMove = (id: number, category: StatusCategory) => void;

interface ColumnProps {
  category: StatusCategory;
  rows: Row[];
  onMove: OnMove;
}

const Column = memo(function Column({ category, rows, onMove }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: category });
  const headingId = `column-${category}`;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-category={category}
      className={cn(
        "flex max-h-[calc(100vh-220px)] min-h-64 flex-col rounded-lg border border-line bg-surface",
        isOver && "border-accent bg-accent/5",
      )}
    >
      <h2 id={headingId} className="flex items-center justify-between border-b border-line px-3 py-2 text-xs font-semibold tracking-wide text-muted uppercase">
        {CATEGORY_LABELS[category]}
        <span className="rounded-full bg-surface-3 px-1.5 text-[11px] font-medium tabular-nums">{rows.length}</span>
      </h2>
      {rows.length > VIRTUALIZE_AFTER ? (
        <VirtualCards rows={rows} onMove={onMove} />
      ) : (
        <ul className="flex flex-1 flex-col gap-2 overflow-y-auto p-2">
          {rows.map((row) => (
            <Card key={row.id} row={row} onMove={onMove} />
          ))}
        </ul>
      )}
    </section>
  );
}, sameColumn);

/** A column whose cards did not change skips re-rendering when a card moves between two others. */
function sameColumn(a: ColumnProps, b: ColumnProps): boolean {
  return a.category === b.category && a.onMove === b.onMove && a.rows.length === b.rows.length && a.rows.every((r, i) => r === b.rows[i]);
}

function observeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => {
    cb(rect.height > 0 ? rect : { width: rect.width || 240, height: 720 });
  });
}

/** A long column: only the cards in view are mounted, positioned by the virtualizer. */
function VirtualCards({ rows, onMove }: { rows: Row[]; onMove: OnMove }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the one source of card positions
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_ESTIMATE,
    getItemKey: (index) => rows[index]?.id ?? index,
    gap: CARD_GAP,
    paddingStart: CARD_GAP,
    paddingEnd: CARD_GAP,
    overscan: 6,
    observeElementRect: observeRect,
    measureElement: (el) => el.getBoundingClientRect().height || CARD_ESTIMATE,
  });
  return (
    <div ref={scrollRef} className="flex-1 overflow-y-auto px-2">
      <ul className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <Card
              key={item.key}
              row={row}
              onMove={onMove}
              index={item.index}
              measureRef={virtualizer.measureElement}
              top={item.start}
            />
          );
        })}
      </ul>
    </div>
  );
}

interface CardProps {
  row: Row;
  onMove: OnMove;
  /** Set in a virtualized column: the card is absolutely positioned at `top` and measured. */
  index?: number;
  top?: number;
  measureRef?: (node: Element | null) => void;
}

const Card = memo(function Card({ row, onMove, index, top, measureRef }: CardProps) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: row.id });
  const ref = useCallback(
    (node: HTMLLIElement | null) => {
      setNodeRef(node);
      measureRef?.(node);
    },
    [setNodeRef, measureRef],
  );
  const virtual = top !== undefined;
  const due = str(row.due_date) || null;
  const category = str(row["status.category"]);
  const code = str(row["shot.code"]) || str(row["asset.code"]);
  return (
    <li
      ref={ref}
      data-index={index}
      style={{ transform: CSS.Translate.toString(transform), ...(virtual ? { position: "absolute", left: 0, right: 0, top } : {}) }}
      {...attributes}
      {...listeners}
      aria-label={`${code} ${str(row.title)}`}
      data-task-id={row.id}
      data-assignees={numList(row.assignees).join(",")}
      className={cn(
        "group cursor-grab touch-none rounded-md border border-line bg-surface-2 p-2.5 text-sm shadow-sm shadow-black/20 select-none",
        isDragging && "z-50 cursor-grabbing opacity-80 ring-2 ring-accent",
      )}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="truncate font-mono text-xs text-muted">{code}</span>
        <Priority value={num(row.priority) ?? 0} />
        <TaskShareMenu taskId={row.id} label={`${code} ${str(row["task_type.code"])}`} />
      </div>
      <Link to={`/tasks/${String(row.id)}`} className="mt-0.5 block truncate font-medium text-fg hover:underline" onPointerDown={(e) => e.stopPropagation()}>
        {str(row.title)}
      </Link>
      <p className="truncate text-xs text-faint">{str(row["task_type.name"]) || str(row["task_type.code"])}</p>
      <div className="mt-2 flex items-center justify-between gap-2">
        <Avatars names={strList(row["assignees.name"])} />
        <DueDate value={due} overdue={isOverdue(due, category === "done")} />
      </div>
      <CardReview row={row} />
      <select
        aria-label={`Move ${code} ${str(row.title)} to`}
        value=""
        onPointerDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
        onChange={(e) => onMove(row.id, e.target.value as StatusCategory)}
        className="mt-2 h-6 w-full rounded border border-line bg-surface px-1 text-[11px] text-muted opacity-0 group-hover:opacity-100 focus:opacity-100"
      >
        <option value="" disabled>Move to…</option>
        {BOARD_CATEGORIES.filter((c) => c !== category).map((c) => (
          <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>
        ))}
      </select>
    </li>
  );
});
