import { Plus } from "lucide-react";
import { useState } from "react";

import { mayEditProduction } from "@/api/auth";
import type { EntityKind } from "@/api/entities";
import { Button } from "@/components/ui/button";
import { EntityForm } from "@/features/create-entity/components/entity-form";
import { useAccount } from "@/features/shell/hooks/use-account";

/** "New shot" / "New asset" in a grid's toolbar and the form it opens below the toolbar
 * (for supervisors, producers and admins; the server checks the project role). */
export function CreateEntity({ kind, projectId }: { kind: EntityKind; projectId: number }) {
  const account = useAccount();
  const [open, setOpen] = useState(false);
  if (!mayEditProduction(account.role)) return null;
  return (
    <>
      <Button size="sm" variant={open ? "secondary" : "primary"} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <Plus aria-hidden="true" className="size-3.5" /> New {kind}
      </Button>
      {open && <EntityForm kind={kind} projectId={projectId} onClose={() => setOpen(false)} />}
    </>
  );
}
