export { NotificationsBell } from "@/features/notifications/components/notifications-bell";
export { PreferencesPage } from "@/features/notifications/components/preferences-page";
