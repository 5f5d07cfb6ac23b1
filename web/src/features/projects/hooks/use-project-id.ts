import { useParams } from "react-router";

/** The `:projectId` of the current route, as a number. */
export function useProjectId(): number {
  return Number(useParams().projectId);
}
