import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { memo, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router";

import { searchQueryOptions, type SearchHit } from "@/api/search";
import { cn } from "@/lib/cn";

const TYPE_LABELS: Record<string, string> = {
  project: "Projects",
  sequence: "Sequences",
  shot: "Shots",
  asset: "Assets",
  task: "Tasks",
  version: "Versions",
  note: "Notes",
  account: "People",
};
const TYPE_ORDER = ["shot", "asset", "task", "version", "note", "sequence", "project", "account"];
const DEBOUNCE_MS = 200;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/**
 * Global search in the header: ⌘K / Ctrl+K focuses it; typing asks `GET /search` (debounced);
 * hits are grouped by type; ↑ ↓ move, Enter opens the hit's web path (a version or a note on
 * one opens its review page), Escape closes.
 * Memoized (no props), like the bell: a header re-render while logging out must not rebuild
 * its query.
 */
export const SearchBox = memo(function SearchBox() {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const listId = useId();
  const q = useDeferredValue(useDebounced(text.trim(), DEBOUNCE_MS));
  const result = useQuery(searchQueryOptions(q));

  const groups = useMemo(() => {
    const hits = q && result.data ? result.data.items : [];
    const byType = new Map<string, SearchHit[]>();
    for (const hit of hits) byType.set(hit.type, [...(byType.get(hit.type) ?? []), hit]);
    return [...byType.entries()].sort(([a], [b]) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
  }, [q, result.data]);
  const flat = useMemo(() => groups.flatMap(([, hits]) => hits), [groups]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
        setOpen(true);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function go(hit: SearchHit) {
    setOpen(false);
    setText("");
    input.current?.blur();
    if (hit.path) void navigate(hit.path);
  }

  const showList = open && text.trim().length > 0;
  const optionId = (i: number) => `${listId}-${String(i)}`;
  let index = -1;
  return (
    <div className="relative w-full max-w-md">
      <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-faint" />
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && flat[active] ? optionId(active) : undefined}
        placeholder="Search shots, tasks, versions, notes…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((i) => (flat.length ? (i + 1) % flat.length : 0));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => (flat.length ? (i - 1 + flat.length) % flat.length : 0));
          } else if (e.key === "Enter") {
            const hit = flat[active];
            if (hit) {
              e.preventDefault();
              go(hit);
            }
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
        className="h-8 w-full rounded-md border border-line bg-surface-2 pr-12 pl-8 text-sm text-fg placeholder:text-faint focus:border-accent focus:outline-none"
      />
      {!text && <kbd aria-hidden="true" className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-line px-1 text-[10px] text-faint">
        Ctrl K
      </kbd>}
      {showList && (
        <div
          id={listId}
          role="listbox"
          aria-label="Search results"
          className="absolute top-10 right-0 left-0 z-50 max-h-[60vh] overflow-y-auto rounded-lg border border-line bg-surface-2 p-1 shadow-xl shadow-black/40"
        >
          {result.isError ? (
            <p className="p-3 text-sm text-danger">Search failed.</p>
          ) : flat.length === 0 ? (
            <p className="p-3 text-sm text-muted">{result.isFetching || q !== text.trim() ? "Searching…" : "No matches."}</p>
          ) : (
            groups.map(([type, hits]) => (
              <div key={type} role="group" aria-label={TYPE_LABELS[type] ?? type}>
                <p aria-hidden="true" className="px-2.5 pt-2 pb-1 text-[11px] font-medium text-muted uppercase">
                  {TYPE_LABELS[type] ?? type} <span className="text-faint">{result.data?.counts[type] ?? hits.length}</span>
                </p>
                {hits.map((hit) => {
                  index += 1;
                  const i = index;
                  return (
                    <div
                      key={`${hit.type}-${String(hit.id)}`}
                      id={optionId(i)}
                      role="option"
                      aria-selected={i === active}
                      onMouseDown={(e) => e.preventDefault()}
                      onMouseEnter={() => setActive(i)}
                      onClick={() => go(hit)}
                      className={cn("flex cursor-pointer items-baseline gap-2 rounded-md px-2.5 py-1.5 text-sm", i === active ? "bg-surface-3" : "")}
                    >
                      {hit.code && <span className="font-mono text-xs text-fg">{hit.code}</span>}
                      <span className="truncate text-fg">{hit.title}</span>
                      <span className="ml-auto shrink-0 truncate text-xs text-faint">{hit.context}</span>
                    </div>
                  );
                })}
              </div>
            ))
          )}
        </div>
      )}
    </div>
  );
});
