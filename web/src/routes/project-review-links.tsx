import { useProjectId } from "@/features/projects";
import { ReviewLinksPage } from "@/features/review-links";
import { useAccount } from "@/features/shell";

export function Component() {
  return <ReviewLinksPage projectId={useProjectId()} account={useAccount()} />;
}
