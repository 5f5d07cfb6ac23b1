import { useParams } from "react-router";

import { RecordPanels } from "@/features/history";
import { EntityPage } from "@/features/tasks";

export function Component() {
  const { projectId, assetId } = useParams();
  return (
    <>
      <EntityPage kind="asset" id={Number(assetId)} projectId={Number(projectId)} />
      <RecordPanels key={assetId} entity="asset" id={Number(assetId)} />
    </>
  );
}
