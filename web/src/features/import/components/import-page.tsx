import { useState } from "react";

import type { AccountRead } from "@/api/auth";
import { Empty, PageHeader } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { EditorialImport } from "@/features/import/components/editorial-import";
import { ImportWizard } from "@/features/import/components/import-wizard";

type Source = "csv" | "editorial";
const SOURCES: [Source, string][] = [["csv", "CSV spreadsheet"], ["editorial", "Editorial cut (EDL, OTIO)"]];

/** `/projects/:id/import`: a CSV spreadsheet (the four-step wizard) or the editor's cut. */
export function ImportPage({ projectId, account }: { projectId: number; account: AccountRead }) {
  const [source, setSource] = useState<Source>("csv");
  if (account.role === "artist" || account.role === "client")
    return <Empty title="Supervisors, producers and admins only">Ask a producer to import spreadsheets.</Empty>;
  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <PageHeader title="Import" />
      <div role="group" aria-label="Import from" className="mb-4 flex gap-1">
        {SOURCES.map(([value, label]) => (
          <Button key={value} size="sm" variant={source === value ? "primary" : "secondary"} aria-pressed={source === value} onClick={() => setSource(value)}>
            {label}
          </Button>
        ))}
      </div>
      {source === "csv" ? <ImportWizard key="csv" projectId={projectId} /> : <EditorialImport key="editorial" projectId={projectId} />}
    </div>
  );
}
