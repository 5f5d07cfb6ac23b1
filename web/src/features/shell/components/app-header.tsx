import { Link } from "react-router";

import type { AccountRead } from "@/api/auth";
import { Wordmark } from "@/components/wordmark";
import { NotificationsBell } from "@/features/notifications";
import { MainNav } from "@/features/shell/components/main-nav";
import { ProfileMenu } from "@/features/shell/components/profile-menu";
import { ProjectSwitcher } from "@/features/shell/components/project-switcher";
import { SearchBox } from "@/features/search";

interface AppHeaderProps {
  account: AccountRead;
  onLogout: () => void;
  loggingOut: boolean;
}

export function AppHeader({ account, onLogout, loggingOut }: AppHeaderProps) {
  return (
    <header className="sticky top-0 z-40 border-b border-line bg-canvas/85 backdrop-blur supports-[backdrop-filter]:bg-canvas/70">
      <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-3 px-4 sm:px-6">
        <Link to="/" aria-label="Shotline home" className="rounded-md">
          <Wordmark />
        </Link>
        <span aria-hidden="true" className="mx-1 h-5 w-px bg-line" />
        {account.role !== "client" && (
          <>
            <ProjectSwitcher />
            <MainNav account={account} />
          </>
        )}
        <div className="flex flex-1 justify-center px-2">
          {account.role !== "client" && <SearchBox />}
        </div>
        <nav aria-label="Account" className="flex items-center gap-1">
          {account.role !== "client" && <NotificationsBell />}
          <ProfileMenu account={account} onLogout={onLogout} loggingOut={loggingOut} />
        </nav>
      </div>
    </header>
  );
}
