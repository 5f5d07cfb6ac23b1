import { useNavigate, useSearchParams } from "react-router";

import { Card } from "@/components/ui/card";
import { Wordmark } from "@/components/wordmark";
import { LoginForm } from "@/features/auth/components/login-form";
import { safeNextPath } from "@/features/auth/redirect";

export function LoginScreen() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"));

  return (
    <main className="relative flex min-h-full items-center justify-center overflow-hidden px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 h-96 bg-[radial-gradient(ellipse_at_top,var(--sl-accent)_0%,transparent_65%)] opacity-[0.12]"
      />
      <div className="relative w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Wordmark size="lg" />
        </div>
        <Card className="p-6 sm:p-8">
          <div className="mb-6 space-y-1">
            <h1 className="text-lg font-semibold tracking-tight">Sign in</h1>
            <p className="text-sm text-muted">Welcome back. Sign in to your studio.</p>
          </div>
          <LoginForm onSuccess={() => void navigate(next, { replace: true })} />
        </Card>
        <p className="mt-6 text-center text-xs text-faint">
          Production tracking and review for studios.
        </p>
      </div>
    </main>
  );
}
