import { useParams } from "react-router";

import { EntityPage } from "@/features/tasks";

export function Component() {
  const { projectId, shotId } = useParams();
  return <EntityPage kind="shot" id={Number(shotId)} projectId={Number(projectId)} />;
}
