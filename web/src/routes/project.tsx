import { ProjectLayout } from "@/features/projects";

export function Component() {
  return <ProjectLayout />;
}
