import { ImportWizard } from "@/features/import";
import { useProjectId } from "@/features/projects";
import { useAccount } from "@/features/shell";

export function Component() {
  return <ImportWizard projectId={useProjectId()} account={useAccount()} />;
}
