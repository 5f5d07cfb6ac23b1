import { useParams } from "react-router";

import { RecordPanels } from "@/features/history";
import { EntityPage } from "@/features/tasks";

export function Component() {
  const { projectId, shotId } = useParams();
  return (
    <>
      <EntityPage kind="shot" id={Number(shotId)} projectId={Number(projectId)} />
      <RecordPanels key={shotId} entity="shot" id={Number(shotId)} />
    </>
  );
}
