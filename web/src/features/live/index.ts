export { LiveUpdates } from "@/features/live/components/live-updates";
export { useLiveConnected } from "@/features/live/components/live-context";
export { useLiveUpdates } from "@/features/live/use-live-updates";
