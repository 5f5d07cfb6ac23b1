import { useQuery } from "@tanstack/react-query";
import { Send, X } from "lucide-react";
import { useId, useState, type ReactNode, type SubmitEvent } from "react";
import { createPortal } from "react-dom";

import { isApiError } from "@/api/errors";
import type { VersionRead } from "@/api/review";
import { reviewSessionDefaultsQueryOptions, useShareVersion, type ReviewSessionCreated, type ReviewSessionDefaults, type ShareRequest } from "@/api/share";
import { ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LinkCreated } from "@/features/share/components/link-created";
import { expiryFor, parseRecipients } from "@/features/share/format";

/** A small modal: a labelled dialog over a dimmed page; Escape or ✕ closes it. */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const id = useId();
  return createPortal(
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-black/60 p-4 sm:pt-20" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby={id} className="w-full max-w-md rounded-xl border border-line bg-surface p-5 shadow-2xl shadow-black/50">
        <div className="mb-3 flex items-center justify-between gap-2">
          <h2 id={id} className="text-base font-semibold">
            {title}
          </h2>
          <Button variant="ghost" size="icon" aria-label="Close" onClick={onClose}>
            <X aria-hidden="true" className="size-4" />
          </Button>
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}

const day = (iso: string) => iso.slice(0, 10);

interface Props {
  version: VersionRead;
  label: string;
  onClose: () => void;
  onShared: (message: string) => void;
}

/**
 * "Create review link for client?": the project has no live review link (or the user wants
 * another). Create one — name, expiry, optional password, downloads, optional e-mail with a
 * message — or pick an existing live one; the version is shared into it in the same call.
 * A new link is shown once afterwards (copy, QR code).
 */
export function ShareDialog({ version, label, onClose, onShared }: Props) {
  const defaults = useQuery(reviewSessionDefaultsQueryOptions(version.project_id));
  const [created, setCreated] = useState<ReviewSessionCreated | null>(null);
  if (created) {
    return (
      <Modal title="Review link created" onClose={onClose}>
        <LinkCreated link={created} onDone={onClose} />
      </Modal>
    );
  }
  return (
    <Modal title="Create review link for client?" onClose={onClose}>
      {defaults.isPending ? (
        <Loading />
      ) : defaults.isError ? (
        <ErrorNote error={defaults.error} />
      ) : (
        <ShareForm
          version={version}
          label={label}
          defaults={defaults.data}
          onCreated={setCreated}
          onShared={(message) => {
            onShared(message);
            onClose();
          }}
        />
      )}
    </Modal>
  );
}

interface FormProps {
  version: VersionRead;
  label: string;
  defaults: ReviewSessionDefaults;
  onCreated: (link: ReviewSessionCreated) => void;
  onShared: (message: string) => void;
}

function ShareForm({ version, label, defaults, onCreated, onShared }: FormProps) {
  const { share } = useShareVersion(version.id, version.task_id, version.project_id);
  const live = defaults.active_sessions;
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [existing, setExisting] = useState<number>(live[0]?.id ?? 0);
  const [name, setName] = useState(defaults.name);
  const [expires, setExpires] = useState(day(defaults.expires_at));
  const [password, setPassword] = useState("");
  const [downloads, setDownloads] = useState(false);
  const [sendEmail, setSendEmail] = useState(false);
  const [to, setTo] = useState("");
  const [message, setMessage] = useState("");

  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body: ShareRequest =
      mode === "existing"
        ? { review_session_id: existing }
        : {
            create_session: {
              name: name.trim(),
              expires_at: expiryFor(expires, defaults.max_expires_at),
              password: password || null,
              allow_comments: true,
              allow_approvals: true,
              allow_downloads: downloads,
              require_email: false,
              version_ids: [],
              email: sendEmail ? { to: parseRecipients(to), message: message.trim() || null } : null,
            },
          };
    share.mutate(body, {
      onSuccess: (result) => {
        if (result.created) onCreated(result.created);
        else onShared(`Shared ${label} with the client (${result.review_session.name}).`);
      },
    });
  };

  const error = share.error;
  const fields = isApiError(error) ? Object.entries(error.fields) : [];
  return (
    <form onSubmit={submit} aria-label="Share with the client" className="space-y-3">
      <p className="text-sm text-muted">
        <span className="font-mono text-fg">{label}</span> becomes visible to the client through a review link. Clients see only what you share.
      </p>
      {live.length > 0 && (
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Link</legend>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="mode" checked={mode === "new"} onChange={() => setMode("new")} /> New link
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="mode" checked={mode === "existing"} onChange={() => setMode("existing")} /> Existing link
          </label>
        </fieldset>
      )}
      {mode === "existing" ? (
        <div className="space-y-1.5">
          <Label htmlFor="share-existing">Review link</Label>
          <Select id="share-existing" className="h-10 w-full" value={existing} onChange={(e) => setExisting(Number(e.target.value))}>
            {live.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} — until {new Date(s.expires_at).toLocaleDateString()}
              </option>
            ))}
          </Select>
          <p className="text-xs text-faint">The client already has this link; the version appears there at once.</p>
        </div>
      ) : (
        <>
          <div className="space-y-1.5">
            <Label htmlFor="share-name">Name</Label>
            <Input id="share-name" required value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="share-expires">Expires</Label>
            <Input id="share-expires" type="date" required value={expires} min={day(new Date().toISOString())} max={day(defaults.max_expires_at)} onChange={(e) => setExpires(e.target.value)} />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="share-password">Password (optional)</Label>
            <Input id="share-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={downloads} onChange={(e) => setDownloads(e.target.checked)} /> Allow downloads
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={sendEmail} onChange={(e) => setSendEmail(e.target.checked)} /> E-mail the link
          </label>
          {sendEmail && (
            <div className="space-y-2 rounded-md border border-line p-3">
              <div className="space-y-1.5">
                <Label htmlFor="share-to">To</Label>
                <Input id="share-to" required placeholder="client@example.com, producer@example.com" value={to} onChange={(e) => setTo(e.target.value)} />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor="share-message">Message (optional)</Label>
                <textarea id="share-message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} className="w-full rounded-md border border-line bg-surface-2 px-3 py-2 text-sm text-fg focus:border-accent focus:outline-none" />
              </div>
            </div>
          )}
        </>
      )}
      {error && (
        <div role="alert" className="text-sm text-danger">
          <p>{isApiError(error) ? error.message : "Could not share."}</p>
          {fields.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-xs">
              {fields.map(([field, problem]) => (
                <li key={field}>
                  {field.split(".").at(-1)}: {problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="flex justify-end gap-2 pt-1">
        <Button type="submit" disabled={share.isPending || (mode === "new" && !name.trim())}>
          <Send aria-hidden="true" className="size-4" /> {mode === "new" ? "Create link and share" : "Share"}
        </Button>
      </div>
    </form>
  );
}
