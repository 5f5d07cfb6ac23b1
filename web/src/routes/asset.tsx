import { useParams } from "react-router";

import { EntityPage } from "@/features/tasks";

export function Component() {
  const { projectId, assetId } = useParams();
  return <EntityPage kind="asset" id={Number(assetId)} projectId={Number(projectId)} />;
}
