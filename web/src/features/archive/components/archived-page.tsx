import { useInfiniteQuery } from "@tanstack/react-query";
import { ArchiveRestore, Trash2 } from "lucide-react";
import { useState } from "react";

import { useDeleteForever, useRestore, type ArchiveKind } from "@/api/archive";
import type { AccountRead } from "@/api/auth";
import { gridInfiniteOptions } from "@/api/entities";
import { isApiError } from "@/api/errors";
import { str, type Row } from "@/api/lists";
import { Empty, ErrorNote, Loading, PageHeader } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";

const TABS: [ArchiveKind, string][] = [["shot", "Shots"], ["asset", "Assets"], ["task", "Tasks"]];

/** What the server wants typed to delete forever: the code, or a task's title. */
function codeOf(kind: ArchiveKind, row: Row): string {
  return kind === "task" ? str(row.title) : str(row.code);
}

function fieldsFor(kind: ArchiveKind): string[] {
  if (kind === "task") return ["title", "shot.code", "asset.code", "task_type.name", "archived_at"];
  if (kind === "shot") return ["code", "sequence.code", "description", "archived_at"];
  return ["code", "name", "asset_type", "archived_at"];
}

/** `/projects/:id/archived`: archived rows per type; restore, or delete forever after typing the code. */
export function ArchivedPage({ projectId, account }: { projectId: number; account: AccountRead }) {
  const [kind, setKind] = useState<ArchiveKind>("shot");
  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <PageHeader title="Archived" />
      <div role="tablist" aria-label="Archived types" className="mb-3 flex gap-1 border-b border-line">
        {TABS.map(([k, label]) => (
          <button key={k} type="button" role="tab" aria-selected={k === kind} onClick={() => setKind(k)}
            className={cn("-mb-px border-b-2 px-3 py-1.5 text-sm", k === kind ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg")}>
            {label}
          </button>
        ))}
      </div>
      <ArchivedList key={kind} kind={kind} projectId={projectId} canDelete={account.role === "admin" || account.role === "producer"} />
    </div>
  );
}

function ArchivedList({ kind, projectId, canDelete }: { kind: ArchiveKind; projectId: number; canDelete: boolean }) {
  const list = useInfiniteQuery(
    gridInfiniteOptions(kind, projectId, {
      filters: { archived_only: true },
      fields: fieldsFor(kind),
      sort: ["-archived_at"],
      limit: 200,
    }),
  );
  const restore = useRestore(kind);
  const [deleting, setDeleting] = useState<Row | null>(null);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorNote error={list.error} />;
  if (rows.length === 0) return <Empty title={`No archived ${kind}s`}>Archived rows show up here; restore them any time.</Empty>;
  return (
    <>
      {restore.isError && <div className="mb-2"><ErrorNote error={restore.error} /></div>}
      <table aria-label={`Archived ${kind}s`} className="w-full rounded-lg border border-line bg-surface text-sm">
        <thead className="bg-surface-2 text-xs text-muted">
          <tr>
            <th className="px-3 py-2 text-left font-medium">{kind === "task" ? "Task" : "Code"}</th>
            <th className="px-3 py-2 text-left font-medium">{kind === "task" ? "Shot / asset" : kind === "shot" ? "Sequence" : "Name"}</th>
            <th className="px-3 py-2 text-left font-medium">Archived</th>
            <th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const archived = str(row.archived_at);
            return (
              <tr key={row.id} className="border-t border-line/60">
                <td className="px-3 py-1.5 font-mono text-xs">{codeOf(kind, row)}</td>
                <td className="px-3 py-1.5 text-xs text-muted">
                  {kind === "task" ? str(row["shot.code"]) || str(row["asset.code"]) : kind === "shot" ? str(row["sequence.code"]) : str(row.name)}
                </td>
                <td className="px-3 py-1.5 text-xs text-muted">{archived ? new Date(archived).toLocaleString() : "—"}</td>
                <td className="px-3 py-1.5 text-right whitespace-nowrap">
                  <Button variant="secondary" size="sm" disabled={restore.isPending} aria-label={`Restore ${codeOf(kind, row)}`}
                    onClick={() => restore.mutate(row.id)}>
                    <ArchiveRestore aria-hidden="true" className="size-3.5" /> Restore
                  </Button>
                  {canDelete && (
                    <Button variant="ghost" size="sm" className="ml-1 text-danger" aria-label={`Delete ${codeOf(kind, row)} forever`}
                      onClick={() => setDeleting(row)}>
                      <Trash2 aria-hidden="true" className="size-3.5" /> Delete forever
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {list.hasNextPage && (
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => void list.fetchNextPage()}>Load more</Button>
      )}
      {deleting && <DeleteDialog kind={kind} row={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

function DeleteDialog({ kind, row, onClose }: { kind: ArchiveKind; row: Row; onClose: () => void }) {
  const code = codeOf(kind, row);
  const [typed, setTyped] = useState("");
  const remove = useDeleteForever(kind);
  const matches = typed.trim() === code;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div role="alertdialog" aria-modal="true" aria-labelledby="delete-title" aria-describedby="delete-help"
        className="w-full max-w-md rounded-xl border border-line bg-surface-2 p-5 shadow-2xl">
        <h2 id="delete-title" className="text-base font-semibold">Delete {code} forever?</h2>
        <p id="delete-help" className="mt-1 text-sm text-muted">
          This removes the {kind}{kind === "task" ? "" : ", its tasks and links"} for good. It cannot be undone. Type{" "}
          <span className="font-mono text-fg">{code}</span> to confirm.
        </p>
        <form
          className="mt-4 space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (matches) remove.mutate({ id: row.id, confirm: typed.trim() }, { onSuccess: onClose });
          }}
        >
          <Input autoFocus aria-label={`Type ${code} to confirm`} value={typed} onChange={(e) => setTyped(e.target.value)} />
          {remove.isError && <ErrorNote>{isApiError(remove.error) ? remove.error.message : "Could not delete."}</ErrorNote>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={!matches || remove.isPending}>
              {remove.isPending ? "Deleting…" : "Delete forever"}
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
