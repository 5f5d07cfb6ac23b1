import { useParams, useSearchParams } from "react-router";

import { useAccount } from "@/features/shell";
import { ReviewScreen } from "@/features/review-player/components/review-screen";

export function Component() {
  const versionId = Number(useParams().versionId);
  const frame = useSearchParams()[0].get("frame");
  return <ReviewScreen key={versionId} versionId={versionId} initialFrame={frame && /^\d+$/.test(frame) ? Number(frame) : null} account={useAccount()} />;
}
