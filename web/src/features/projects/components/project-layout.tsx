import { useQuery } from "@tanstack/react-query";
import { NavLink, Outlet, useOutletContext } from "react-router";

import { useProjectId } from "@/features/projects/hooks/use-project-id";
import type { AccountRead } from "@/api/auth";

import { projectQueryOptions } from "@/api/projects";
import { ErrorNote } from "@/components/ui/bits";
import { cn } from "@/lib/cn";

const TABS = [
  ["shots", "Shots"],
  ["assets", "Assets"],
  ["tasks", "Tasks"],
  ["kanban", "Kanban"],
  ["activity", "Activity"],
] as const;


export function ProjectLayout() {
  const projectId = useProjectId();
  const project = useQuery(projectQueryOptions(projectId));
  const account = useOutletContext<AccountRead>();
  const canImport = account.role === "admin" || account.role === "producer" || account.role === "supervisor";
  if (project.isError) return <div className="p-6"><ErrorNote error={project.error} /></div>;
  // The tab renders (and asks for its rows) while the project's name loads: no waterfall.
  return (
    <main className="mx-auto flex h-[calc(100vh-3.5rem)] w-full max-w-screen-2xl flex-col px-4 pt-5 pb-4 sm:px-6">
      <div className="mb-3 flex items-center gap-3">
        <span className="rounded bg-surface-3 px-1.5 py-0.5 font-mono text-xs text-muted">{project.data?.code ?? "…"}</span>
        <h1 className="truncate text-xl font-semibold tracking-tight">{project.data?.name ?? <span className="text-muted">Loading…</span>}</h1>
      </div>
      <nav aria-label="Project" className="mb-4 flex gap-1 border-b border-line">
        {TABS.map(([path, label]) => (
          <NavLink
            key={path}
            to={`/projects/${String(projectId)}/${path}`}
            className={({ isActive }) =>
              cn(
                "-mb-px border-b-2 px-3 py-2 text-sm",
                isActive ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg",
              )
            }
          >
            {label}
          </NavLink>
        ))}
        {/* Review links and data screens (import wizard, archived rows), kept apart from the main tabs. */}
        <span className="ml-auto flex items-end">
          {canImport &&
            (
              [
                ["review-links", "Review links"],
                ["import", "Import"],
                ["archived", "Archived"],
              ] as const
            ).map(([path, label]) => (
              <NavLink
                key={path}
                to={`/projects/${String(projectId)}/${path}`}
                className={({ isActive }) =>
                  cn("-mb-px border-b-2 px-3 py-2 text-xs", isActive ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg")
                }
              >
                {label}
              </NavLink>
            ))}
        </span>
      </nav>
      <Outlet context={account} />
    </main>
  );
}
