import { Check, Copy, Mail } from "lucide-react";
import { useEffect, useState, type SubmitEvent } from "react";

import { isApiError } from "@/api/errors";
import { fetchQrCode, useSendReviewEmail, type ReviewSessionCreated } from "@/api/share";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { parseRecipients } from "@/features/share/format";

/**
 * A new (or regenerated) review link, shown once: the URL with a copy button, its QR code,
 * and "Send Review Email" while the token is still known here.
 */
export function LinkCreated({ link, onDone }: { link: ReviewSessionCreated; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    fetchQrCode(link.id, link.token)
      .then((u) => {
        url = u;
        if (cancelled) URL.revokeObjectURL(u);
        else setQr(u);
      })
      .catch(() => setQr(null));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [link.id, link.token]);
  const copy = () => {
    void navigator.clipboard
      .writeText(link.url)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">Copy the link now: Shotline shows it only this once{link.has_password ? " (send the password separately)" : ""}.</p>
      <div className="flex gap-2">
        <Input aria-label="Review link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
        <Button variant="secondary" onClick={copy} aria-label="Copy link">
          {copied ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />} {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      {qr && <img src={qr} alt="QR code of the review link" className="mx-auto size-40 rounded bg-white p-1" />}
      <details className="text-sm">
        <summary className="cursor-pointer text-muted hover:text-fg">Embed in a web page</summary>
        <textarea
          aria-label="Embed code"
          readOnly
          rows={3}
          value={link.embed_html}
          onFocus={(e) => e.currentTarget.select()}
          className="mt-2 w-full rounded-md border border-line bg-surface-2 px-3 py-2 font-mono text-xs text-fg focus:border-accent focus:outline-none"
        />
      </details>
      <p className="text-xs text-faint">
        Expires {new Date(link.expires_at).toLocaleDateString()} · downloads {link.allow_downloads ? "allowed" : "off"}
      </p>
      {link.emailed ? (
        <p role="status" className="text-sm text-muted">
          E-mailed to {link.emailed.recipients.join(", ")}.
        </p>
      ) : (
        <SendReviewEmail link={link} />
      )}
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

function SendReviewEmail({ link }: { link: ReviewSessionCreated }) {
  const send = useSendReviewEmail(link.id);
  const [to, setTo] = useState("");
  const [message, setMessage] = useState("");
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    send.mutate({ token: link.token, to: parseRecipients(to), message: message.trim() || null });
  };
  if (send.isSuccess) return <p role="status" className="text-sm text-muted">E-mailed to {send.data.recipients.join(", ")}.</p>;
  return (
    <form onSubmit={submit} aria-label="Send Review Email" className="space-y-2 rounded-md border border-line p-3">
      <Label htmlFor="review-email-to">Send Review Email</Label>
      <Input id="review-email-to" required placeholder="client@example.com" value={to} onChange={(e) => setTo(e.target.value)} />
      <textarea aria-label="Message (optional)" placeholder="Message (optional)" rows={2} value={message} onChange={(e) => setMessage(e.target.value)} className="w-full rounded-md border border-line bg-surface-2 px-3 py-2 text-sm text-fg focus:border-accent focus:outline-none" />
      {send.isError && <p role="alert" className="text-sm text-danger">{isApiError(send.error) ? (Object.values(send.error.fields)[0] ?? send.error.message) : "Could not send."}</p>}
      <Button type="submit" size="sm" variant="secondary" disabled={send.isPending || !to.trim()}>
        <Mail aria-hidden="true" className="size-4" /> Send
      </Button>
    </form>
  );
}
