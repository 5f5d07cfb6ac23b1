import type { components } from "@/api/generated/schema";

export type RowPage = components["schemas"]["RowPage"];
/** One row of a list reply: keyed by field path (`shot.code`), always with `id`. */
export type Row = Record<string, unknown> & { id: number };

/** Filters, sort, fields and paging of a list call, as the query engine reads them. */
export interface ListParams {
  /** `field` or `field__op` → value (`status.category__in: "todo,in_progress"`). */
  filters?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  sort?: readonly string[];
  fields?: readonly string[];
  limit?: number;
  page?: number;
  view?: string;
}

/** `?field__op=value&sort=…&fields=…&limit=…&page=…` for the list endpoints. */
export function listSearch(params: ListParams): string {
  const search = new URLSearchParams();
  if (params.view) search.set("view", params.view);
  for (const [key, value] of Object.entries(params.filters ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  if (params.sort?.length) search.set("sort", params.sort.join(","));
  if (params.fields?.length) search.set("fields", params.fields.join(","));
  if (params.limit !== undefined) search.set("limit", String(params.limit));
  if (params.page !== undefined) search.set("page", String(params.page));
  return search.toString();
}

export interface ListPage<R extends Row = Row> {
  items: R[];
  total: number | null;
  page: number;
  limit: number;
  fields: string[];
}

export function asListPage<R extends Row = Row>(page: RowPage): ListPage<R> {
  return page as unknown as ListPage<R>;
}

/** `If-Match` value for a row version. */
export function ifMatch(rowVersion: number): string {
  return `"${String(rowVersion)}"`;
}

export function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

export function num(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

export function strList(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => str(v)) : [];
}

export function numList(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : [];
}
