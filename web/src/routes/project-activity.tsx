import { ActivityTab, useProjectId } from "@/features/projects";
import { useAccount } from "@/features/shell";

export function Component() {
  return <ActivityTab projectId={useProjectId()} account={useAccount()} />;
}
