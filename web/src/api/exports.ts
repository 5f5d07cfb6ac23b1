import { listSearch, type ListParams } from "@/api/lists";

export type ExportKind = "shot" | "asset" | "task";
export type ExportFormat = "csv" | "json";

/**
 * The export URL of a grid view: the list's own filters, fields and sort plus `format`
 * (paging is dropped; the server streams every matching row). A plain link, so the
 * browser downloads it with the session cookie.
 */
export function exportUrl(kind: ExportKind, projectId: number, params: ListParams, format: ExportFormat): string {
  const search = listSearch({ filters: params.filters, fields: params.fields, sort: params.sort, view: params.view });
  const q = search ? `${search}&format=${format}` : `format=${format}`;
  return `/api/v1/projects/${String(projectId)}/${kind}s/export?${q}`;
}
