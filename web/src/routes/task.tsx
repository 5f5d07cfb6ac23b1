import { useParams } from "react-router";

import { useAccount } from "@/features/shell";
import { TaskPage } from "@/features/tasks";

export function Component() {
  const taskId = Number(useParams().taskId);
  return <TaskPage key={taskId} taskId={taskId} account={useAccount()} />;
}
