export { ImportPage } from "@/features/import/components/import-page";
