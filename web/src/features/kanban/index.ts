export { KanbanBoard } from "@/features/kanban/components/kanban-board";
