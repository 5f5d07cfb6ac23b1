import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { projectsQueryOptions } from "@/api/projects";
import { Empty, ErrorNote, Loading, PageHeader } from "@/components/ui/bits";
import { Card } from "@/components/ui/card";

export function ProjectsPage() {
  const projects = useQuery(projectsQueryOptions());
  return (
    <main className="mx-auto w-full max-w-screen-2xl px-4 py-6 sm:px-6">
      <title>Projects · Shotline</title>
      <PageHeader title="Projects" />
      {projects.isPending ? (
        <Loading />
      ) : projects.isError ? (
        <ErrorNote error={projects.error} />
      ) : projects.data.length === 0 ? (
        <Empty title="No projects yet">Projects you are a member of will show here.</Empty>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          {projects.data.map((p) => (
            <li key={p.id}>
              <Link to={`/projects/${String(p.id)}/shots`} className="block rounded-xl focus-visible:outline-2">
                <Card className="p-5 transition-colors hover:border-accent/50">
                  <div className="flex items-center gap-2">
                    <span className="rounded bg-surface-3 px-1.5 py-0.5 font-mono text-xs text-muted">{p.code}</span>
                    <h2 className="truncate font-semibold">{p.name}</h2>
                    <span className="ml-auto text-xs text-muted capitalize">{p.status.replace("_", " ")}</span>
                  </div>
                  {p.description && <p className="mt-2 line-clamp-2 text-sm text-muted">{p.description}</p>}
                  <p className="mt-3 text-xs text-faint">
                    {p.fps} fps
                    {p.resolution_width ? ` · ${String(p.resolution_width)}×${String(p.resolution_height ?? "")}` : ""}
                    {p.start_date ? ` · ${p.start_date} → ${p.end_date ?? "…"}` : ""}
                  </p>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
