import { PreferencesPage } from "@/features/notifications";

export function Component() {
  return <PreferencesPage />;
}
