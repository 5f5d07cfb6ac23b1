import { Columns2, Minus, Plus, SquareSplitHorizontal } from "lucide-react";

import type { VersionRead } from "@/api/review";
import { Select } from "@/components/ui/select";
import type { CompareMode } from "@/features/review-player/compare";
import { versionLabel } from "@/features/review-player/format";
import { cn } from "@/lib/cn";

const small = "flex h-8 items-center gap-1 rounded-md px-2 text-xs text-muted hover:bg-surface-3 hover:text-fg";
const pressed = "bg-surface-3 text-fg";

/** Compare with another version of the task: side by side or wipe, and which version. */
export function CompareControls({ mode, onMode, versions, currentId, otherId, onOther }: { mode: CompareMode; onMode: (mode: CompareMode) => void; versions: readonly VersionRead[]; currentId: number; otherId: number | null; onOther: (id: number) => void }) {
  const others = versions.filter((v) => v.id !== currentId);
  if (others.length === 0) return null;
  const toggle = (value: CompareMode) => onMode(mode === value ? "off" : value);
  return (
    <span role="group" aria-label="Compare" className="flex items-center gap-1">
      <button type="button" aria-pressed={mode === "side"} title="Compare side by side" onClick={() => toggle("side")} className={cn(small, mode === "side" && pressed)}>
        <Columns2 aria-hidden="true" className="size-4" /> Side by side
      </button>
      <button type="button" aria-pressed={mode === "wipe"} title="Compare with a wipe" onClick={() => toggle("wipe")} className={cn(small, mode === "wipe" && pressed)}>
        <SquareSplitHorizontal aria-hidden="true" className="size-4" /> Wipe
      </button>
      {mode !== "off" && (
        <Select aria-label="Compare with" value={otherId ?? ""} onChange={(e) => onOther(Number(e.target.value))} onKeyDown={(e) => e.stopPropagation()}>
          {others.map((v) => (
            <option key={v.id} value={v.id}>
              {versionLabel(v)}
            </option>
          ))}
        </Select>
      )}
    </span>
  );
}

/** Zoom out / in, the zoom in %, fit and 100 %. */
export function ZoomControls({ label, onZoom, onFit, onActual }: { label: string; onZoom: (factor: number) => void; onFit: () => void; onActual: () => void }) {
  return (
    <span role="group" aria-label="Zoom" className="flex items-center gap-0.5">
      <button type="button" aria-label="Zoom out" title="Zoom out (−)" onClick={() => onZoom(0.8)} className={small}>
        <Minus aria-hidden="true" className="size-3.5" />
      </button>
      <output aria-label="Zoom level" className="w-12 text-center font-mono text-xs text-muted tabular-nums">
        {label}
      </output>
      <button type="button" aria-label="Zoom in" title="Zoom in (+)" onClick={() => onZoom(1.25)} className={small}>
        <Plus aria-hidden="true" className="size-3.5" />
      </button>
      <button type="button" title="Fit the frame (F)" onClick={onFit} className={small}>
        Fit
      </button>
      <button type="button" title="One video pixel per screen pixel (1)" onClick={onActual} className={small}>
        100%
      </button>
    </span>
  );
}
