import { useState, type ReactNode, type SubmitEvent } from "react";

import type { ReviewLink, ReviewLinkUpdate } from "@/api/review-links";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Modal } from "@/features/share";
import { expiryOf, localDay, problemsFrom } from "@/features/review-links/format";

/** The fields shown next to their control; any other problem goes to the message below. */
const FIELDS = ["name", "expires_at", "password", "download_limit"] as const;

interface Props {
  link: ReviewLink;
  /** The latest expiry the organization allows (from the share defaults), when known. */
  maxExpiresAt: string | null;
  saving: boolean;
  error: unknown;
  onSave: (set: ReviewLinkUpdate) => void;
  onClose: () => void;
}

function Field({ id, label, problem, children }: { id: string; label: string; problem?: string; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {problem && (
        <p id={`${id}-problem`} className="text-xs text-danger">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Only what changed goes to the server (PATCH): name, expiry, password, permissions, limit. */
export function EditLinkDialog({ link, maxExpiresAt, saving, error, onSave, onClose }: Props) {
  const [name, setName] = useState(link.name);
  const [expires, setExpires] = useState(localDay(link.expires_at));
  const [password, setPassword] = useState("");
  const [removePassword, setRemovePassword] = useState(false);
  const [comments, setComments] = useState(link.allow_comments);
  const [approvals, setApprovals] = useState(link.allow_approvals);
  const [downloads, setDownloads] = useState(link.allow_downloads);
  const [limit, setLimit] = useState(link.download_limit === null ? "" : String(link.download_limit));
  const [requireEmail, setRequireEmail] = useState(link.require_email);
  const problems = problemsFrom(error, FIELDS);
  const invalid = (key: string) => (problems.fields[key] ? { "aria-invalid": true, "aria-describedby": `link-${key}-problem` } : {});

  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const set: ReviewLinkUpdate = {};
    if (name.trim() !== link.name) set.name = name.trim();
    if (expires !== localDay(link.expires_at)) set.expires_at = expiryOf(expires, maxExpiresAt);
    if (removePassword) set.password = null;
    else if (password) set.password = password;
    if (comments !== link.allow_comments) set.allow_comments = comments;
    if (approvals !== link.allow_approvals) set.allow_approvals = approvals;
    if (downloads !== link.allow_downloads) set.allow_downloads = downloads;
    const newLimit = limit.trim() === "" ? null : Number(limit);
    if (newLimit !== link.download_limit) set.download_limit = newLimit;
    if (requireEmail !== link.require_email) set.require_email = requireEmail;
    if (Object.keys(set).length === 0) onClose();
    else onSave(set);
  };

  return (
    <Modal title="Edit review link" onClose={onClose}>
      <form onSubmit={submit} aria-label="Edit review link" className="space-y-3" noValidate>
        <Field id="link-name" label="Name" problem={problems.fields.name}>
          <Input id="link-name" required value={name} onChange={(e) => setName(e.target.value)} {...invalid("name")} />
        </Field>
        <Field id="link-expires_at" label="Expires" problem={problems.fields.expires_at}>
          <Input id="link-expires_at" type="date" required value={expires} max={maxExpiresAt ? localDay(maxExpiresAt) : undefined} onChange={(e) => setExpires(e.target.value)} {...invalid("expires_at")} />
        </Field>
        <Field id="link-password" label={link.has_password ? "New password (empty keeps the current one)" : "Password (optional)"} problem={problems.fields.password}>
          <Input id="link-password" type="password" autoComplete="new-password" value={password} disabled={removePassword} onChange={(e) => setPassword(e.target.value)} {...invalid("password")} />
        </Field>
        {link.has_password && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={removePassword} onChange={(e) => setRemovePassword(e.target.checked)} /> Remove the password
          </label>
        )}
        <fieldset className="space-y-1.5 text-sm">
          <legend className="mb-1 text-sm font-medium">Guests may</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} /> Comment
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={approvals} onChange={(e) => setApprovals(e.target.checked)} /> Approve or request changes
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={downloads} onChange={(e) => setDownloads(e.target.checked)} /> Download
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={requireEmail} onChange={(e) => setRequireEmail(e.target.checked)} /> Must give an e-mail
          </label>
        </fieldset>
        <Field id="link-download_limit" label="Download limit (empty: no limit)" problem={problems.fields.download_limit}>
          <Input id="link-download_limit" type="number" min={1} inputMode="numeric" value={limit} disabled={!downloads} onChange={(e) => setLimit(e.target.value)} {...invalid("download_limit")} />
        </Field>
        {Boolean(error) && (
          <p role="alert" className="text-sm text-danger">
            {problems.message ?? "Not saved: check the fields marked above."}
          </p>
        )}
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={saving}>
            Save
          </Button>
        </div>
      </form>
    </Modal>
  );
}
