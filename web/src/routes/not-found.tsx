import { ArrowLeft } from "lucide-react";
import { Link } from "react-router";

import { Wordmark } from "@/components/wordmark";

export function Component() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-6 px-4 text-center">
      <title>Page not found · Shotline</title>
      <Wordmark size="lg" />
      <div className="space-y-2">
        <p className="font-mono text-sm text-faint">404</p>
        <h1 className="text-xl font-semibold tracking-tight">Page not found</h1>
        <p className="max-w-sm text-sm text-muted">
          This page does not exist or has moved. Check the address, or go back to your dashboard.
        </p>
      </div>
      <Link
        to="/"
        className="inline-flex h-9 items-center gap-2 rounded-md border border-line bg-surface-2 px-3.5 text-sm font-medium text-fg transition-colors hover:bg-surface-3"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        Back to dashboard
      </Link>
    </main>
  );
}
