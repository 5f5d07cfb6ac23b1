import { ChevronsUpDown, FolderKanban } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Menu, MenuContent, MenuItem, MenuLabel, MenuTrigger } from "@/components/ui/menu";

/** Lists the projects the user can open. Empty until the projects API exists. */
export function ProjectSwitcher() {
  return (
    <Menu>
      <MenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label="Switch project" className="text-fg">
          <FolderKanban aria-hidden="true" className="size-4 text-muted" />
          <span className="hidden sm:inline">All projects</span>
          <ChevronsUpDown aria-hidden="true" className="size-3.5 text-faint" />
        </Button>
      </MenuTrigger>
      <MenuContent align="start" className="w-64">
        <MenuLabel>Projects</MenuLabel>
        <MenuItem disabled className="flex-col items-start gap-0.5">
          <span className="text-fg">No projects yet</span>
          <span className="text-xs text-muted">Projects you join will be listed here.</span>
        </MenuItem>
      </MenuContent>
    </Menu>
  );
}
