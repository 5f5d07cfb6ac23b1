import { ProjectGrid } from "@/features/grid";
import { useProjectId } from "@/features/projects";

export function Component() {
  return (
    <>
      <title>Tasks · Shotline</title>
      <ProjectGrid key="task" kind="task" projectId={useProjectId()} />
    </>
  );
}
