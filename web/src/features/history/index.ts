export { HistoryPanel } from "@/features/history/components/history-panel";
export { RecordPanels } from "@/features/history/components/record-panels";
