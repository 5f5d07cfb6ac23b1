import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { portalProjectsQueryOptions } from "@/api/share";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { Select } from "@/components/ui/select";
import { ClientReview } from "@/features/share/components/client-review";

/**
 * The client portal (accounts with the client role): their projects' shared versions in the
 * client player. The app shell shows it in place of every internal screen.
 */
export function ClientPortal() {
  const projects = useQuery(portalProjectsQueryOptions());
  const [picked, setPicked] = useState<number | null>(null);
  if (projects.isPending) return <Loading label="Loading your projects…" />;
  if (projects.isError) return <ErrorNote error={projects.error} />;
  const list = projects.data;
  const project = list.find((p) => p.id === picked) ?? list[0];
  return (
    <main className="flex min-h-[calc(100dvh-3.5rem)] w-full flex-col gap-3 px-3 py-3 sm:px-4">
      <title>Client review · Shotline</title>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Shared for your review</h1>
        {list.length > 1 && (
          <Select aria-label="Project" value={project?.id} onChange={(e) => setPicked(Number(e.target.value))}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        )}
        {list.length === 1 && project && <span className="text-sm text-muted">{project.name}</span>}
      </div>
      {project ? (
        <ClientReview key={project.id} where={{ kind: "portal" }} projectId={project.id} />
      ) : (
        <Empty title="No projects yet">Your studio will share versions with you here and tell you by e-mail.</Empty>
      )}
    </main>
  );
}
