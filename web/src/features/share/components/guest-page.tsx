import { useQuery } from "@tanstack/react-query";
import { useState, type SubmitEvent } from "react";

import { isApiError } from "@/api/errors";
import { guestTokens, shareInfoQueryOptions, useUnlockShare } from "@/api/share";
import { ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Wordmark } from "@/components/wordmark";
import { ClientReview } from "@/features/share/components/client-review";

/**
 * `/share/:token`: a review link, no account. Shows whether the link works, asks for a name
 * (an e-mail when the link requires it, the password when it has one), then the shared
 * versions in the client player. Nothing of the studio's internals is reachable from here.
 */
export function GuestPage({ token }: { token: string }) {
  const info = useQuery(shareInfoQueryOptions(token));
  const [guest, setGuest] = useState(() => guestTokens.read(token));
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center gap-3 border-b border-line px-4 sm:px-6">
        <Wordmark />
        {info.data && (
          <span className="truncate text-sm text-muted">
            <span className="font-medium text-fg">{info.data.project_name}</span> · {info.data.name}
          </span>
        )}
        {guest && (
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto"
            onClick={() => {
              guestTokens.clear(token);
              setGuest(null);
            }}
          >
            Leave
          </Button>
        )}
      </header>
      <main className="flex min-h-0 flex-1 flex-col gap-3 px-3 py-3 sm:px-4">
        <title>{info.data ? `${info.data.project_name} review · Shotline` : "Review · Shotline"}</title>
        {info.isPending ? (
          <Loading label="Opening the review link…" />
        ) : info.isError ? (
          <LinkProblem error={info.error} />
        ) : guest ? (
          <GuestReview token={token} guestToken={guest} onSignedOut={() => setGuest(null)} />
        ) : (
          <UnlockForm token={token} passwordRequired={info.data.password_required} emailRequired={info.data.email_required} expiresAt={info.data.expires_at} onDone={setGuest} />
        )}
      </main>
    </div>
  );
}

function LinkProblem({ error }: { error: unknown }) {
  if (!isApiError(error, 404)) return <ErrorNote error={error} />;
  return (
    <section role="alert" className="mx-auto mt-16 max-w-md text-center">
      <h1 className="text-xl font-semibold">This review link is no longer available</h1>
      <p className="mt-2 text-sm text-muted">It has expired or was revoked by the studio (or the address is incomplete). Ask your contact at the studio for a new link.</p>
    </section>
  );
}

function GuestReview({ token, guestToken, onSignedOut }: { token: string; guestToken: string; onSignedOut: () => void }) {
  return (
    <ClientReview
      where={{ kind: "guest", token, guestToken }}
      onUnauthorized={() => {
        guestTokens.clear(token);
        onSignedOut();
      }}
    />
  );
}

interface UnlockProps {
  token: string;
  passwordRequired: boolean;
  emailRequired: boolean;
  expiresAt: string;
  onDone: (guestToken: string) => void;
}

function UnlockForm({ token, passwordRequired, emailRequired, expiresAt, onDone }: UnlockProps) {
  const unlock = useUnlockShare(token);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    unlock.mutate(
      { name: name.trim(), email: email.trim() || null, password: passwordRequired ? password : null },
      { onSuccess: (guest) => onDone(guest.guest_token) },
    );
  };
  const error = unlock.error;
  const problem = !error
    ? null
    : isApiError(error, 401)
      ? "That password is not right. Check it and try again."
      : isApiError(error, 429)
        ? `Too many wrong passwords. Try again in ${String(Math.ceil((error.retryAfterSeconds ?? 900) / 60))} minutes.`
        : isApiError(error)
          ? Object.values(error.fields)[0] ?? error.message
          : "Could not open the link.";
  return (
    <form onSubmit={submit} aria-label="Open the review" className="mx-auto mt-10 w-full max-w-sm space-y-4 rounded-lg border border-line bg-surface p-6">
      <div>
        <h1 className="text-lg font-semibold">Welcome to the review</h1>
        <p className="mt-1 text-sm text-muted">
          Your name is shown with your notes and over the picture. The link works until {new Date(expiresAt).toLocaleDateString()}.
        </p>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="guest-name">Your name</Label>
        <Input id="guest-name" required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {emailRequired && (
        <div className="space-y-1.5">
          <Label htmlFor="guest-email">Your e-mail</Label>
          <Input id="guest-email" type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
      )}
      {passwordRequired && (
        <div className="space-y-1.5">
          <Label htmlFor="guest-password">Password</Label>
          <Input id="guest-password" type="password" required autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
      )}
      {problem && <p role="alert" className="text-sm text-danger">{problem}</p>}
      <Button type="submit" className="w-full" disabled={unlock.isPending || !name.trim()}>
        {unlock.isPending ? "Opening…" : "Start reviewing"}
      </Button>
    </form>
  );
}
