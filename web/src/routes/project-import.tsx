import { ImportPage } from "@/features/import";
import { useProjectId } from "@/features/projects";
import { useAccount } from "@/features/shell";

export function Component() {
  return <ImportPage projectId={useProjectId()} account={useAccount()} />;
}
