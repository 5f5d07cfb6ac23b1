import { Bell } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Menu, MenuContent, MenuLabel, MenuTrigger } from "@/components/ui/menu";

/** Placeholder for the notification centre (mentions, assignments, review decisions). */
export function NotificationsButton() {
  return (
    <Menu>
      <MenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Notifications">
          <Bell aria-hidden="true" className="size-4.5" />
        </Button>
      </MenuTrigger>
      <MenuContent className="w-72">
        <MenuLabel>Notifications</MenuLabel>
        <div className="px-2.5 pt-1 pb-3">
          <p className="text-sm text-fg">No notifications yet</p>
          <p className="mt-0.5 text-xs text-muted">
            Mentions, assignments and review decisions will show up here.
          </p>
        </div>
      </MenuContent>
    </Menu>
  );
}
