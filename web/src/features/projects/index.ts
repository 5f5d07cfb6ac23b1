export { ActivityTab } from "@/features/projects/components/activity";
export { ProjectLayout } from "@/features/projects/components/project-layout";
export { useProjectId } from "@/features/projects/hooks/use-project-id";
export { ProjectsPage } from "@/features/projects/components/projects-page";
