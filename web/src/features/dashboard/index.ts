export { Dashboard } from "@/features/dashboard/components/dashboard";
export { DASHBOARD_WIDGETS } from "@/features/dashboard/widgets";
