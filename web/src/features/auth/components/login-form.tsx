import { AlertCircle, Clock } from "lucide-react";
import { useId, useState, type SubmitEvent } from "react";

import { useLogin } from "@/api/auth";
import { isApiError, type ApiError } from "@/api/errors";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useCountdown } from "@/features/auth/hooks/use-countdown";

function toApiError(error: unknown): ApiError | null {
  return isApiError(error) ? error : null;
}

function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

interface LoginFormProps {
  onSuccess: () => void;
}

export function LoginForm({ onSuccess }: LoginFormProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useLogin();
  const countdown = useCountdown();
  const ids = { email: useId(), password: useId(), emailError: useId(), passwordError: useId() };

  const apiError = toApiError(login.error);
  const unexpectedError = login.error !== null && apiError === null;
  const fieldErrors = apiError?.fields ?? {};
  const waiting = countdown.remaining > 0;
  const pending = login.isPending;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || waiting) return;
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess,
        onError: (error) => {
          if (isApiError(error, 429)) countdown.start(error.retryAfterSeconds ?? 30);
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-busy={pending} className="space-y-5">
      {(apiError ?? unexpectedError) && (
        <div
          role="alert"
          className="flex gap-2.5 rounded-lg border border-danger/30 bg-danger-soft px-3 py-2.5 text-sm text-danger"
        >
          {apiError?.status === 429 ? (
            <Clock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          ) : (
            <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          )}
          <div className="space-y-0.5">
            <p>{apiError?.message ?? "Something went wrong. Please try again."}</p>
            {apiError?.status === 429 && (
              <p className="text-danger/80">
                {waiting
                  ? `Try again in ${formatWait(countdown.remaining)}.`
                  : "You can try again now."}
              </p>
            )}
          </div>
        </div>
      )}

      <fieldset disabled={pending} className="space-y-4">
        <div className="space-y-1.5">
          <Label htmlFor={ids.email}>Email</Label>
          <Input
            id={ids.email}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            required
            placeholder="you@studio.com"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? ids.emailError : undefined}
          />
          {fieldErrors.email && (
            <p id={ids.emailError} className="text-xs text-danger">
              {fieldErrors.email}
            </p>
          )}
        </div>

        <div className="space-y-1.5">
          <Label htmlFor={ids.password}>Password</Label>
          <Input
            id={ids.password}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? ids.passwordError : undefined}
          />
          {fieldErrors.password && (
            <p id={ids.passwordError} className="text-xs text-danger">
              {fieldErrors.password}
            </p>
          )}
        </div>

        <Button type="submit" size="lg" className="w-full" disabled={pending || waiting}>
          {pending && <Spinner />}
          Sign in
        </Button>
      </fieldset>
    </form>
  );
}
