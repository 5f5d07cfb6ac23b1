import { RotateCw } from "lucide-react";
import { isRouteErrorResponse, useRouteError } from "react-router";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Wordmark } from "@/components/wordmark";

/** Last-resort screen for errors thrown while rendering or loading a route. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : null;

  return (
    <main
      role="alert"
      className="flex min-h-full flex-col items-center justify-center gap-6 px-4 text-center"
    >
      <Wordmark size="lg" />
      <div className="space-y-2">
        <h1 className="text-xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="max-w-md text-sm text-muted">
          The page could not be shown. Reloading usually helps, for example after Shotline was
          updated.
        </p>
        {detail && <p className="font-mono text-xs text-faint">{detail}</p>}
      </div>
      <Button variant="secondary" onClick={() => window.location.reload()}>
        <RotateCw aria-hidden="true" className="size-4" />
        Reload
      </Button>
    </main>
  );
}

/** Shown while the first lazily loaded route is fetched. */
export function RouteLoading() {
  return (
    <div role="status" aria-label="Loading" className="flex min-h-full items-center justify-center text-muted">
      <Spinner className="size-5" />
    </div>
  );
}
