import { useParams } from "react-router";

import { RecordPanels } from "@/features/history";
import { useAccount } from "@/features/shell";
import { TaskPage } from "@/features/tasks";

export function Component() {
  const taskId = Number(useParams().taskId);
  return (
    <>
      <TaskPage key={taskId} taskId={taskId} account={useAccount()} />
      {/* Activity + history: a separate block under the task page (features/history). */}
      <RecordPanels key={`panels-${String(taskId)}`} entity="task" id={taskId} />
    </>
  );
}
