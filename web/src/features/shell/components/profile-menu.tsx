import { ChevronDown, LogOut, Moon, Sun } from "lucide-react";
import { useState } from "react";

import type { AccountRead, AccountRole } from "@/api/auth";
import { Button } from "@/components/ui/button";
import {
  Menu,
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuSeparator,
  MenuTrigger,
} from "@/components/ui/menu";
import { initials } from "@/lib/initials";
import { applyTheme, storedTheme, type Theme } from "@/lib/theme";

const ROLE_LABELS: Record<AccountRole, string> = {
  admin: "Admin",
  producer: "Producer",
  supervisor: "Supervisor",
  artist: "Artist",
  client: "Client",
};

interface ProfileMenuProps {
  account: AccountRead;
  onLogout: () => void;
  loggingOut: boolean;
}

export function ProfileMenu({ account, onLogout, loggingOut }: ProfileMenuProps) {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const nextTheme: Theme = theme === "dark" ? "light" : "dark";
  return (
    <Menu>
      <MenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={account.name} className="gap-2 pr-1.5 pl-1">
          <span
            aria-hidden="true"
            className="flex size-6 items-center justify-center rounded-full bg-accent/20 text-[11px] font-semibold text-accent"
          >
            {initials(account.name)}
          </span>
          <span className="hidden max-w-40 truncate text-fg md:inline">{account.name}</span>
          <ChevronDown aria-hidden="true" className="size-3.5 text-faint" />
        </Button>
      </MenuTrigger>
      <MenuContent className="w-64">
        <MenuLabel className="space-y-0.5 py-2">
          <span className="block truncate text-sm font-medium text-fg">{account.name}</span>
          <span className="block truncate text-xs font-normal text-muted">{account.email}</span>
          <span className="mt-1.5 inline-flex rounded-full border border-line bg-surface-3 px-2 py-0.5 text-[11px] font-medium text-muted">
            {ROLE_LABELS[account.role]}
          </span>
        </MenuLabel>
        <MenuSeparator />
        <MenuItem
          onSelect={() => {
            applyTheme(nextTheme);
            setTheme(nextTheme);
          }}
        >
          {nextTheme === "light" ? <Sun aria-hidden="true" className="size-4 text-muted" /> : <Moon aria-hidden="true" className="size-4 text-muted" />}
          {nextTheme === "light" ? "Light theme" : "Dark theme"}
        </MenuItem>
        <MenuItem disabled={loggingOut} onSelect={onLogout}>
          <LogOut aria-hidden="true" className="size-4 text-muted" />
          Log out
        </MenuItem>
      </MenuContent>
    </Menu>
  );
}
