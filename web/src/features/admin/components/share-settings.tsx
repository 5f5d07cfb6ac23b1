import { useQuery } from "@tanstack/react-query";
import { useState, type SubmitEvent } from "react";

import { shareSettingsQueryOptions, useUpdateShareSettings, type ShareSettings } from "@/api/review-links";
import { ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { problemsFrom } from "@/features/review-links";

const FIELDS = ["share_default_days", "share_max_days"] as const;

/** Admin › Client review: how long a new review link lives, and the longest anyone may set. */
export function ShareSettingsAdmin({ canEdit }: { canEdit: boolean }) {
  const settings = useQuery(shareSettingsQueryOptions());
  return (
    <section aria-label="Client review" className="max-w-xl rounded-xl border border-line bg-surface p-5">
      <h2 className="mb-1 text-sm font-semibold">Review links</h2>
      <p className="mb-4 text-xs text-muted">
        Lifetimes of the links made with Share With Client. Existing links keep their expiry.
        {!canEdit && " Only admins can change these."}
      </p>
      {settings.isPending ? <Loading /> : settings.isError ? <ErrorNote error={settings.error} /> : <ShareSettingsForm settings={settings.data} canEdit={canEdit} />}
    </section>
  );
}

function ShareSettingsForm({ settings, canEdit }: { settings: ShareSettings; canEdit: boolean }) {
  const save = useUpdateShareSettings();
  const [defaultDays, setDefaultDays] = useState(String(settings.share_default_days));
  const [maxDays, setMaxDays] = useState(String(settings.share_max_days));
  const problems = problemsFrom(save.error, FIELDS);
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate({ share_default_days: Number(defaultDays), share_max_days: Number(maxDays) });
  };
  const field = (id: (typeof FIELDS)[number], label: string, hint: string, value: string, set: (v: string) => void) => (
    <div className="space-y-1.5">
      <Label htmlFor={id} className="block">{label}</Label>
      <Input
        id={id}
        type="number"
        min={1}
        max={3650}
        required
        disabled={!canEdit}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={problems.fields[id] ? true : undefined}
        aria-describedby={`${id}-hint`}
        className="w-32"
      />
      <p id={`${id}-hint`} className={problems.fields[id] ? "text-xs text-danger" : "text-xs text-faint"}>
        {problems.fields[id] ?? hint}
      </p>
    </div>
  );
  return (
    <form onSubmit={submit} aria-label="Review link lifetimes" className="space-y-3" noValidate>
      {field("share_default_days", "Default lifetime (days)", "A new link expires this many days after it is made, unless its maker picks a date.", defaultDays, setDefaultDays)}
      {field("share_max_days", "Longest lifetime (days)", "Nobody can set a link to expire later than this many days ahead.", maxDays, setMaxDays)}
      {save.isError && (
        <p role="alert" className="text-sm text-danger">
          {problems.message ?? "Not saved: check the fields marked above."}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="text-sm text-muted">
          Saved.
        </p>
      )}
      {canEdit && (
        <Button type="submit" disabled={save.isPending}>
          Save
        </Button>
      )}
    </form>
  );
}
