export { ProjectGrid } from "@/features/grid/components/project-grid";
