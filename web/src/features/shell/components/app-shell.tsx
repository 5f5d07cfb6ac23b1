import { Outlet, useNavigate } from "react-router";

import { useLogout, type AccountRead } from "@/api/auth";
import { isApiError } from "@/api/errors";
import { LiveUpdates } from "@/features/live";
import { ClientPortal } from "@/features/share";
import { AppHeader } from "@/features/shell/components/app-header";

/** The signed-in frame: global header on top, the current screen below. */
export function AppShell({ account }: { account: AccountRead }) {
  const navigate = useNavigate();
  const logout = useLogout();

  function handleLogout() {
    logout.mutate(undefined, {
      onSuccess: () => void navigate("/login", { replace: true }),
    });
  }

  return (
    <LiveUpdates>
    <div className="flex min-h-full flex-col">
      <AppHeader account={account} onLogout={handleLogout} loggingOut={logout.isPending} />
      {logout.isError && (
        <div
          role="alert"
          className="border-b border-danger/30 bg-danger-soft px-6 py-2 text-center text-sm text-danger"
        >
          Could not log out:{" "}
          {isApiError(logout.error) ? logout.error.message : "something went wrong."}
        </div>
      )}
      <div className="flex-1">
        {account.role === "client" ? <ClientPortal /> : <Outlet context={account} />}
      </div>
    </div>
    </LiveUpdates>
  );
}
