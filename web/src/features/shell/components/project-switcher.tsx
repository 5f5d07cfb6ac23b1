import { useQuery } from "@tanstack/react-query";
import { ChevronsUpDown, FolderKanban } from "lucide-react";
import { useNavigate, useParams } from "react-router";

import { projectQueryOptions, projectsQueryOptions } from "@/api/projects";
import { Button } from "@/components/ui/button";
import {
  Menu,
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuSeparator,
  MenuTrigger,
} from "@/components/ui/menu";

/** Lists the projects the user can open; picking one opens its shots. */
export function ProjectSwitcher() {
  const { projectId } = useParams();
  return (
    <Menu>
      <MenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label="Switch project" className="text-fg">
          <FolderKanban aria-hidden="true" className="size-4 text-muted" />
          <span className="hidden max-w-48 truncate sm:inline">
            {projectId ? <CurrentProject id={Number(projectId)} /> : "All projects"}
          </span>
          <ChevronsUpDown aria-hidden="true" className="size-3.5 text-faint" />
        </Button>
      </MenuTrigger>
      <MenuContent align="start" className="w-72">
        <MenuLabel>Projects</MenuLabel>
        <ProjectItems />
      </MenuContent>
    </Menu>
  );
}

function CurrentProject({ id }: { id: number }) {
  const project = useQuery(projectQueryOptions(id));
  return <>{project.data?.name ?? "Project"}</>;
}

/** Mounted only while the menu is open, so the list is asked for on demand. */
function ProjectItems() {
  const navigate = useNavigate();
  const projects = useQuery(projectsQueryOptions());
  return (
    <>
      {projects.isPending && <MenuItem disabled>Loading…</MenuItem>}
      {projects.isError && <MenuItem disabled>Could not load projects</MenuItem>}
      {projects.data?.length === 0 && (
        <MenuItem disabled className="flex-col items-start gap-0.5">
          <span className="text-fg">No projects yet</span>
          <span className="text-xs text-muted">Projects you join will be listed here.</span>
        </MenuItem>
      )}
      {projects.data?.map((project) => (
        <MenuItem key={project.id} onSelect={() => void navigate(`/projects/${String(project.id)}/shots`)}>
          <span className="rounded bg-surface-3 px-1.5 py-0.5 font-mono text-[11px] text-muted">{project.code}</span>
          <span className="truncate">{project.name}</span>
        </MenuItem>
      ))}
      <MenuSeparator />
      <MenuItem onSelect={() => void navigate("/projects")}>All projects</MenuItem>
    </>
  );
}
