import { ProjectsPage } from "@/features/projects";

export function Component() {
  return <ProjectsPage />;
}
