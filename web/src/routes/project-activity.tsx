import { ActivityTab, useProjectId } from "@/features/projects";

export function Component() {
  return <ActivityTab projectId={useProjectId()} />;
}
