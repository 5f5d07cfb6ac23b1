export { ImportWizard } from "@/features/import/components/import-wizard";
