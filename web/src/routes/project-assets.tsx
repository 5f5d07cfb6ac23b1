import { ProjectGrid } from "@/features/grid";
import { useProjectId } from "@/features/projects";

export function Component() {
  return (
    <>
      <title>Assets · Shotline</title>
      <ProjectGrid key="asset" kind="asset" projectId={useProjectId()} />
    </>
  );
}
