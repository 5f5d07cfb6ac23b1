export { EntityPage } from "@/features/tasks/components/entity-page";
export { MyTasks } from "@/features/tasks/components/my-tasks";
export { TaskPage } from "@/features/tasks/components/task-page";
