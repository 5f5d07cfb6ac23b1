import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { observeElementRect, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp, Columns3, Download, RotateCw } from "lucide-react";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";

import { accountsQueryOptions } from "@/api/accounts";
import { gridInfiniteOptions, useArchiveEntities, useUpdateEntity, type EntityUpdate } from "@/api/entities";
import { isApiError } from "@/api/errors";
import { exportUrl } from "@/api/exports";
import { num, type ListParams, type Row } from "@/api/lists";
import { customFieldsQueryOptions, ENTITY_STATUSES, statusesQueryOptions } from "@/api/projects";
import { useAssignTask, useUpdateTask, type TaskUpdate } from "@/api/tasks";
import { ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { MenuContent, MenuLabel } from "@/components/ui/menu";
import { Select } from "@/components/ui/select";
import { CreateEntity } from "@/features/create-entity";
import { BASE_COLUMNS, customColumns, SEARCH_FIELD, type GridColumn, type GridKind } from "@/features/grid/columns";
import { BatchToolbar } from "@/features/grid/components/batch-toolbar";
import { CellEditor, type EditValue } from "@/features/grid/components/cell-editor";
import { cn } from "@/lib/cn";

const ROW_HEIGHT = 36;
const PAGE_SIZE = 200;
const KIND_LABEL: Record<GridKind, string> = { task: "tasks", shot: "shots", asset: "assets" };

/** Happy-dom (tests) measures 0×0; fall back to a laptop-sized viewport then. */
function observeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => {
    cb(rect.height > 0 ? rect : { width: rect.width || 1200, height: 720 });
  });
}

interface Editing {
  id: number;
  key: string;
}

/**
 * The shots / assets / tasks grid: server-side filter, sort and paging, virtualized rows,
 * column chooser, inline edit guarded by If-Match, and multi-select with a batch toolbar.
 */
export function ProjectGrid({ kind, projectId }: { kind: GridKind; projectId: number }) {
  const customFields = useQuery(customFieldsQueryOptions(projectId));
  const statuses = useQuery(statusesQueryOptions(projectId));
  const accounts = useQuery(accountsQueryOptions());
  const columns = useMemo(
    () => [...BASE_COLUMNS[kind], ...customColumns(customFields.data ?? [], kind)],
    [kind, customFields.data],
  );
  const [hidden, setHidden] = useState<ReadonlySet<string>>(
    () => new Set(BASE_COLUMNS[kind].filter((c) => c.defaultVisible === false).map((c) => c.key)),
  );
  const visible = columns.filter((c) => !hidden.has(c.key));
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search.trim());
  const [status, setStatus] = useState("");
  const [sort, setSort] = useState<string[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [editing, setEditing] = useState<Editing | null>(null);
  const [problem, setProblem] = useState<{ conflict: boolean; message: string } | null>(null);
  const lastClicked = useRef<number | null>(null);

  const params: ListParams = useMemo(() => {
    const fields = new Set<string>(["row_version"]);
    for (const c of visible) {
      fields.add(c.key);
      for (const n of c.needs ?? []) fields.add(n);
    }
    const filters: Record<string, string> = {};
    if (deferredSearch) filters[`${SEARCH_FIELD[kind]}__contains`] = deferredSearch;
    if (status) filters[kind === "task" ? "status.category" : "status"] = status;
    return { filters, sort, fields: [...fields], limit: PAGE_SIZE };
  }, [visible, deferredSearch, status, sort, kind]);

  const query = useInfiniteQuery(gridInfiniteOptions(kind, projectId, params));
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total ?? rows.length;

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the one source of row positions
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    observeElementRect: observeRect,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 40) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const updateTask = useUpdateTask();
  const assignTask = useAssignTask();
  const updateEntity = useUpdateEntity(kind === "task" ? "shot" : kind);
  const archiveEntities = useArchiveEntities(kind === "task" ? "shot" : kind);

  function fail(error: unknown) {
    if (isApiError(error, 412)) {
      setProblem({ conflict: true, message: "This row was changed by someone else — reload to see the latest before editing." });
    } else {
      setProblem({ conflict: false, message: isApiError(error) ? error.message : "Could not save the change." });
    }
  }

  function commit(row: Row, column: GridColumn, value: EditValue) {
    setEditing(null);
    setProblem(null);
    const rowVersion = num(row.row_version) ?? 0;
    const custom = column.key.startsWith("custom.") ? column.key.slice("custom.".length) : null;
    if (kind === "task") {
      if (column.editor === "assignees") {
        assignTask.mutate({ id: row.id, rowVersion, assigneeIds: Array.isArray(value) ? value : [] }, { onError: fail });
        return;
      }
      const set = (custom
        ? { custom: { [custom]: value } }
        : { [column.key === "status" ? "status_id" : column.key]: value }) as TaskUpdate;
      updateTask.mutate({ id: row.id, rowVersion, set }, { onError: fail });
      return;
    }
    const set = (custom ? { custom: { [custom]: value } } : { [column.key]: value }) as EntityUpdate;
    updateEntity.mutate({ id: row.id, rowVersion, set }, { onError: fail });
  }

  function toggle(id: number, index: number, shift: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (shift && lastClicked.current !== null) {
        const [a, b] = [Math.min(lastClicked.current, index), Math.max(lastClicked.current, index)];
        for (let i = a; i <= b; i++) {
          const r = rows[i];
          if (r) next.add(r.id);
        }
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    lastClicked.current = index;
  }

  const allSelected = rows.length > 0 && selected.size >= rows.length && rows.every((r) => selected.has(r.id));
  const template = `40px ${visible.map((c) => `${String(c.width)}px`).join(" ")} minmax(0,1fr)`;
  const minWidth = 40 + visible.reduce((s, c) => s + c.width, 0);

  function sortBy(key: string) {
    setSort((prev) => (prev[0] === key ? [`-${key}`] : prev[0] === `-${key}` ? [] : [key]));
  }

  const statusOptions =
    kind === "task"
      ? [["todo", "Todo"], ["in_progress", "In progress"], ["internal_review", "Internal review"], ["client_review", "Client review"], ["changes", "Changes"], ["done", "Done"], ["on_hold", "On hold"]]
      : ENTITY_STATUSES.map((s) => [s, s.replace("_", " ")]);

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        {kind !== "task" && <CreateEntity kind={kind} projectId={projectId} />}
        <input
          type="search"
          aria-label={`Filter ${KIND_LABEL[kind]}`}
          placeholder={kind === "task" ? "Filter by task title…" : `Filter by ${kind} code…`}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="h-8 w-64 rounded-md border border-line bg-surface-2 px-2.5 text-sm text-fg placeholder:text-faint focus:border-accent focus:outline-none"
        />
        <Select aria-label="Status filter" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Any status</option>
          {statusOptions.map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </Select>
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <Button variant="secondary" size="sm">
              <Columns3 aria-hidden="true" className="size-3.5" /> Columns
            </Button>
          </DropdownMenu.Trigger>
          <MenuContent align="start" className="w-56">
            <MenuLabel>Show columns</MenuLabel>
            {columns.map((c) => (
              <DropdownMenu.CheckboxItem
                key={c.key}
                checked={!hidden.has(c.key)}
                onSelect={(e) => e.preventDefault()}
                onCheckedChange={(on) =>
                  setHidden((prev) => {
                    const next = new Set(prev);
                    if (on) next.delete(c.key);
                    else next.add(c.key);
                    return next;
                  })
                }
                className="flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-sm outline-none data-highlighted:bg-surface-3"
              >
                <span aria-hidden="true" className="w-3 text-accent">{hidden.has(c.key) ? "" : "✓"}</span>
                {c.label}
              </DropdownMenu.CheckboxItem>
            ))}
          </MenuContent>
        </DropdownMenu.Root>
        {(["csv", "json"] as const).map((format) => (
          <a
            key={format}
            href={exportUrl(kind, projectId, params, format)}
            download
            className="inline-flex h-8 items-center gap-1.5 rounded-md border border-line bg-surface-2 px-2.5 text-xs font-medium text-fg hover:bg-surface-3"
          >
            <Download aria-hidden="true" className="size-3.5" /> Export {format.toUpperCase()}
          </a>
        ))}
        <span className="ml-auto text-xs text-muted tabular-nums" aria-live="polite">
          {query.isFetching && !query.isFetchingNextPage ? "Loading…" : `${String(total)} ${KIND_LABEL[kind]}`}
        </span>
      </div>

      {problem && (
        <div role="alert" className="flex items-center justify-between gap-3 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">
          <span>{problem.message}</span>
          {problem.conflict ? (
            <Button variant="secondary" size="sm" onClick={() => { setProblem(null); void query.refetch(); }}>
              <RotateCw aria-hidden="true" className="size-3.5" /> Reload
            </Button>
          ) : (
            <Button variant="ghost" size="sm" onClick={() => setProblem(null)}>Dismiss</Button>
          )}
        </div>
      )}

      {selected.size > 0 && (
        <BatchToolbar
          kind={kind}
          projectId={projectId}
          ids={[...selected]}
          statuses={statuses.data ?? []}
          accounts={accounts.data ?? []}
          onClear={() => setSelected(new Set())}
          onError={fail}
          archiveEntities={(ids) => archiveEntities.mutateAsync(ids)}
        />
      )}

      <div
        ref={scrollRef}
        role="grid"
        aria-label={`${KIND_LABEL[kind]} grid`}
        aria-rowcount={total + 1}
        aria-multiselectable="true"
        className="min-h-[320px] flex-1 overflow-auto rounded-lg border border-line bg-surface"
      >
        <div style={{ minWidth }}>
          <div
            role="row"
            className="sticky top-0 z-10 grid h-9 items-center border-b border-line bg-surface-2 text-xs font-medium text-muted"
            style={{ gridTemplateColumns: template }}
          >
            <span role="columnheader" className="flex justify-center">
              <input
                type="checkbox"
                aria-label="Select all rows"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
              />
            </span>
            {visible.map((c) => {
              const dir = sort[0] === c.key ? "ascending" : sort[0] === `-${c.key}` ? "descending" : "none";
              return (
                <span role="columnheader" aria-sort={dir} key={c.key} className="truncate px-2">
                  {c.sortable ? (
                    <button type="button" className="inline-flex items-center gap-1 hover:text-fg" onClick={() => sortBy(c.key)}>
                      {c.label}
                      {dir === "ascending" && <ArrowUp aria-hidden="true" className="size-3" />}
                      {dir === "descending" && <ArrowDown aria-hidden="true" className="size-3" />}
                    </button>
                  ) : (
                    c.label
                  )}
                </span>
              );
            })}
          </div>
          {query.isPending ? (
            <Loading label={`Loading ${KIND_LABEL[kind]}…`} />
          ) : query.isError ? (
            <div className="p-4"><ErrorNote error={query.error} /></div>
          ) : rows.length === 0 ? (
            <p className="p-8 text-center text-sm text-muted">No {KIND_LABEL[kind]} match these filters.</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {items.map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                const isSel = selected.has(row.id);
                return (
                  <div
                    key={row.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={isSel}
                    data-row-id={row.id}
                    className={cn(
                      "absolute left-0 grid w-full items-center border-b border-line/50 text-sm",
                      isSel ? "bg-accent/10" : "hover:bg-surface-2",
                    )}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${String(item.start)}px)`, gridTemplateColumns: template }}
                  >
                    <span role="gridcell" className="flex justify-center">
                      <input
                        type="checkbox"
                        aria-label={`Select row ${String(row.id)}`}
                        checked={isSel}
                        onClick={(e) => toggle(row.id, item.index, e.shiftKey)}
                        onChange={() => undefined}
                      />
                    </span>
                    {visible.map((c) => {
                      const isEditing = editing?.id === row.id && editing.key === c.key;
                      return (
                        <span
                          role="gridcell"
                          key={c.key}
                          className={cn("flex min-w-0 items-center px-2", c.editor && "cursor-text")}
                          tabIndex={c.editor ? 0 : undefined}
                          aria-label={c.editor && !isEditing ? `${c.label}: double-click or Enter to edit` : undefined}
                          onDoubleClick={() => c.editor && setEditing({ id: row.id, key: c.key })}
                          onKeyDown={(e) => {
                            if (e.key === "Enter" && c.editor && !isEditing) setEditing({ id: row.id, key: c.key });
                          }}
                        >
                          {isEditing && c.editor ? (
                            <CellEditor
                              kind={c.editor}
                              field={c.key}
                              label={c.label}
                              row={row}
                              statuses={statuses.data ?? []}
                              accounts={accounts.data ?? []}
                              onCommit={(value) => commit(row, c, value)}
                              onCancel={() => setEditing(null)}
                            />
                          ) : (
                            c.render(row, projectId)
                          )}
                        </span>
                      );
                    })}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
