import { Search } from "lucide-react";

import { Tooltip } from "@/components/ui/tooltip";

/** Placeholder for global search (shots, assets, tasks, people). */
export function SearchBox() {
  return (
    <Tooltip content="Search arrives soon">
      <div
        // Disabled inputs get no pointer or focus events, so the wrapper carries the hint.
        tabIndex={0}
        className="relative w-full max-w-md rounded-md"
      >
        <Search
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-faint"
        />
        <input
          type="search"
          aria-label="Search"
          placeholder="Search shots, assets, tasks…"
          disabled
          title="Search arrives soon"
          className="h-8 w-full cursor-not-allowed rounded-md border border-line bg-surface-2 opacity-70 pr-3 pl-8 text-sm text-fg placeholder:text-faint"
        />
      </div>
    </Tooltip>
  );
}
