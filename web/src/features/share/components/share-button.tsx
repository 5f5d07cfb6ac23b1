import { Send, Undo2 } from "lucide-react";

import type { VersionRead } from "@/api/review";
import { Button } from "@/components/ui/button";
import { versionName } from "@/features/share/format";
import { useShareFlow } from "@/features/share/use-share-flow";

/** The accent "Share With Client" button (paper plane) next to the approval controls. */
export function ShareWithClient({ version, label }: { version: VersionRead; label?: string }) {
  const name = label ?? versionName(version);
  const flow = useShareFlow(version, name);
  return (
    <div className="space-y-2 border-t border-line pt-2">
      <div className="flex gap-2">
        <Button size="sm" className="flex-1" disabled={flow.pending} onClick={flow.start}>
          <Send aria-hidden="true" className="size-4" /> {version.is_client_visible ? "Share again" : "Share With Client"}
        </Button>
        {version.is_client_visible && (
          <Button size="sm" variant="ghost" disabled={flow.pending} onClick={flow.stop}>
            <Undo2 aria-hidden="true" className="size-4" /> Unshare
          </Button>
        )}
      </div>
      {version.is_client_visible && <p className="text-xs text-muted">Shared with the client{version.shared_at ? ` since ${new Date(version.shared_at).toLocaleDateString()}` : ""}.</p>}
      {flow.view}
    </div>
  );
}
