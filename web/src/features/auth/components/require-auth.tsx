import { RotateCw } from "lucide-react";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";

import type { AccountRead } from "@/api/auth";
import { isApiError } from "@/api/errors";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Wordmark } from "@/components/wordmark";
import { useSession } from "@/features/auth/hooks/use-session";
import { loginPath } from "@/features/auth/redirect";

interface RequireAuthProps {
  children: (account: AccountRead) => ReactNode;
}

/**
 * Renders `children` with the signed-in account. A 401 from `GET /api/v1/me` sends the
 * user to `/login`, remembering where they wanted to go.
 */
export function RequireAuth({ children }: RequireAuthProps) {
  const session = useSession();
  const location = useLocation();

  if (session.isSuccess) return children(session.data);

  if (session.isError) {
    if (isApiError(session.error, 401)) {
      return <Navigate to={loginPath(location.pathname + location.search)} replace />;
    }
    return (
      <FullScreen>
        <div role="alert" className="space-y-4 text-center">
          <p className="text-sm text-muted">
            {isApiError(session.error)
              ? session.error.message
              : "Something went wrong while loading your session."}
          </p>
          <Button variant="secondary" onClick={() => void session.refetch()}>
            <RotateCw aria-hidden="true" className="size-4" />
            Try again
          </Button>
        </div>
      </FullScreen>
    );
  }

  return (
    <FullScreen>
      <div role="status" aria-label="Loading" className="text-muted">
        <Spinner className="size-5" />
      </div>
    </FullScreen>
  );
}

function FullScreen({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-full flex-col items-center justify-center gap-6 px-4">
      <Wordmark size="lg" />
      {children}
    </div>
  );
}
