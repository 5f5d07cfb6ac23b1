export { ActivityFeed } from "@/features/activity/components/activity-feed";
