import { KanbanBoard } from "@/features/kanban";
import { useProjectId } from "@/features/projects";

export function Component() {
  return (
    <>
      <title>Kanban · Shotline</title>
      <KanbanBoard projectId={useProjectId()} />
    </>
  );
}
