import { Circle, MoveUpRight, Pencil, Square, Type, Undo2 } from "lucide-react";

import { COLORS, WIDTHS, type Tool } from "@/features/review-player/annotation";
import { cn } from "@/lib/cn";

interface Props {
  tool: Tool | null;
  onTool: (tool: Tool | null) => void;
  color: string;
  onColor: (color: string) => void;
  strokeWidth: number;
  onStrokeWidth: (width: number) => void;
  canUndo: boolean;
  onUndo: () => void;
}

const TOOLS: [Tool, string, typeof Pencil][] = [
  ["pen", "Pen", Pencil],
  ["arrow", "Arrow", MoveUpRight],
  ["rect", "Rectangle", Square],
  ["ellipse", "Ellipse", Circle],
  ["text", "Text", Type],
];

/** The annotation tools: shape, colour, stroke width, undo. */
export function DrawingTools({ tool, onTool, color, onColor, strokeWidth, onStrokeWidth, canUndo, onUndo }: Props) {
  return (
    <>
      {TOOLS.map(([value, label, Icon]) => (
        <button
          key={value}
          type="button"
          aria-label={label}
          aria-pressed={tool === value}
          title={label}
          onClick={() => onTool(tool === value ? null : value)}
          className={cn("flex size-8 items-center justify-center rounded-md text-muted hover:bg-surface-3 hover:text-fg", tool === value && "bg-accent text-accent-fg hover:bg-accent hover:text-accent-fg")}
        >
          <Icon aria-hidden="true" className="size-4" />
        </button>
      ))}
      <span className="mx-1 h-5 w-px bg-line" />
      {COLORS.map((c) => (
        <button key={c} type="button" aria-label={`Colour ${c}`} aria-pressed={color === c} onClick={() => onColor(c)} className={cn("size-5 rounded-full border-2", color === c ? "border-fg" : "border-transparent")} style={{ background: c }} />
      ))}
      <span className="mx-1 h-5 w-px bg-line" />
      {WIDTHS.map((w) => (
        <button key={w} type="button" aria-label={`Stroke ${String(w)}`} aria-pressed={strokeWidth === w} onClick={() => onStrokeWidth(w)} className={cn("flex size-7 items-center justify-center rounded-md hover:bg-surface-3", strokeWidth === w && "bg-surface-3")}>
          <span className="rounded-full bg-fg" style={{ width: 14, height: Math.max(1, w / 2) }} />
        </button>
      ))}
      <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={onUndo} className="flex size-8 items-center justify-center rounded-md text-muted hover:bg-surface-3 hover:text-fg disabled:opacity-40">
        <Undo2 aria-hidden="true" className="size-4" />
      </button>
    </>
  );
}
