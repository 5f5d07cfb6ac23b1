import { ArchivedPage } from "@/features/archive";
import { useProjectId } from "@/features/projects";
import { useAccount } from "@/features/shell";

export function Component() {
  return <ArchivedPage projectId={useProjectId()} account={useAccount()} />;
}
