import { useQuery } from "@tanstack/react-query";
import { MoreHorizontal, Send, Undo2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { meQueryOptions } from "@/api/auth";
import { taskVersionsQueryOptions, type VersionRead } from "@/api/review";
import { Menu, MenuContent, MenuItem, MenuLabel, MenuTrigger } from "@/components/ui/menu";
import { canShare, versionName } from "@/features/share/format";
import { useShareFlow } from "@/features/share/use-share-flow";

interface Props {
  /** The task: the menu acts on its newest version (kanban cards). */
  taskId: number;
  /** A given version instead (the task page's version rows). */
  version?: VersionRead;
  label: string;
}

/**
 * A share menu: "Share With Client" / "Unshare" for a task's newest version (kanban cards)
 * or for one version (version rows). Opens from its ⋯ button or by right-clicking the card
 * or row it sits in (`[data-task-id]`, `[data-version-id]`). Shown to supervisors,
 * producers and admins.
 */
export function TaskShareMenu(props: Props) {
  const me = useQuery(meQueryOptions());
  if (!me.data || !canShare(me.data.role)) return null;
  return <TaskShareMenuView {...props} />;
}

function TaskShareMenuView({ taskId, version, label }: Props) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const versions = useQuery({ ...taskVersionsQueryOptions(taskId), enabled: open && !version });
  const latest = version ?? versions.data?.[0] ?? null;
  const name = latest ? `${label} ${versionName(latest)}`.trim() : label;
  const flow = useShareFlow(latest, name);

  useEffect(() => {
    const card = trigger.current?.closest<HTMLElement>("[data-task-id], [data-version-id]");
    if (!card) return;
    const onContextMenu = (e: MouseEvent) => {
      e.preventDefault();
      setOpen(true);
    };
    card.addEventListener("contextmenu", onContextMenu);
    return () => card.removeEventListener("contextmenu", onContextMenu);
  }, []);

  return (
    <span onPointerDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      <Menu open={open} onOpenChange={setOpen}>
        <MenuTrigger ref={trigger} aria-label={version ? "Client sharing" : `Share actions for ${name}`} title={latest?.is_client_visible ? "Shared with the client" : "Share"} className="flex size-5 items-center justify-center rounded text-faint hover:bg-surface-3 hover:text-fg">
          {latest?.is_client_visible ? <Send aria-hidden="true" className="size-3.5 text-accent" /> : <MoreHorizontal aria-hidden="true" className="size-3.5" />}
        </MenuTrigger>
        <MenuContent>
          <MenuLabel>{latest ? name : versions.isPending ? "Loading versions…" : "No versions yet"}</MenuLabel>
          <MenuItem disabled={!latest || flow.pending} onSelect={flow.start}>
            <Send aria-hidden="true" className="size-4" /> Share With Client
          </MenuItem>
          {latest?.is_client_visible && (
            <MenuItem disabled={flow.pending} onSelect={flow.stop}>
              <Undo2 aria-hidden="true" className="size-4" /> Unshare
            </MenuItem>
          )}
        </MenuContent>
      </Menu>
      {flow.view && <span className="fixed right-4 bottom-4 z-50 block max-w-sm rounded-md border border-line bg-surface p-3 shadow-xl shadow-black/40">{flow.view}</span>}
    </span>
  );
}
