import { ProjectGrid } from "@/features/grid";
import { useProjectId } from "@/features/projects";

export function Component() {
  return (
    <>
      <title>Shots · Shotline</title>
      <ProjectGrid key="shot" kind="shot" projectId={useProjectId()} />
    </>
  );
}
