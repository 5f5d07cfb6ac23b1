export { ArchivedPage } from "@/features/archive/components/archived-page";
