import { useQuery } from "@tanstack/react-query";

import {
  preferencesQueryOptions,
  useUpdatePreferences,
  type EmailMode,
  type NotificationType,
  type PreferenceUpdate,
} from "@/api/notifications";
import { ErrorNote, Loading, PageHeader } from "@/components/ui/bits";
import { Select } from "@/components/ui/select";

const ROWS: [NotificationType, string][] = [
  ["TASK_ASSIGNED", "A task is assigned to me"],
  ["TASK_OVERDUE", "My task is overdue"],
  ["TASK_READY_FOR_REVIEW", "A task I supervise or watch is ready for review"],
  ["TASK_APPROVED", "My task is approved"],
  ["TASK_CHANGES_REQUESTED", "Changes are requested on my task"],
  ["MENTIONED", "Someone @mentions me"],
  ["NOTE_ON_WATCHED", "A note on a task I work on or watch"],
  ["CLIENT_APPROVED", "A client approves"],
  ["CLIENT_CHANGES_REQUESTED", "A client requests changes"],
  ["CLIENT_COMMENTED", "A client comments"],
  ["VERSION_SHARED", "A version is shared with me for review"],
];

const EMAIL: [EmailMode, string][] = [
  ["off", "Off"],
  ["immediate", "At once"],
  ["digest", "Daily digest"],
];

/** `/settings/notifications`: a type × channel matrix (in-app, e-mail, Slack); saves on change. */
export function PreferencesPage() {
  const prefs = useQuery(preferencesQueryOptions());
  const update = useUpdatePreferences();
  const save = (type: NotificationType, change: PreferenceUpdate) => update.mutate({ [type]: change });
  return (
    <main className="mx-auto w-full max-w-4xl px-4 py-6 sm:px-6">
      <title>Notification settings · Shotline</title>
      <PageHeader title="Notification settings">
        <span className="text-xs text-muted" aria-live="polite">
          {update.isPending ? "Saving…" : update.isSuccess ? "Saved" : ""}
        </span>
      </PageHeader>
      {update.isError && <div className="mb-3"><ErrorNote error={update.error} /></div>}
      {prefs.isPending ? (
        <Loading />
      ) : prefs.isError ? (
        <ErrorNote error={prefs.error} />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-line bg-surface">
          <table className="w-full text-sm">
            <caption className="sr-only">Notification channels per type</caption>
            <thead className="bg-surface-2 text-xs text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 text-left font-medium">When</th>
                <th scope="col" className="px-4 py-2 text-center font-medium">In app</th>
                <th scope="col" className="px-4 py-2 text-center font-medium">E-mail</th>
                <th scope="col" className="px-4 py-2 text-center font-medium">Slack</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map(([type, label]) => {
                const p = prefs.data[type] ?? { in_app: true, email: "off", slack: false };
                return (
                  <tr key={type} className="border-t border-line/60">
                    <th scope="row" className="px-4 py-2 text-left font-normal">{label}</th>
                    <td className="px-4 py-2 text-center">
                      <input type="checkbox" aria-label={`${label}: in app`} checked={p.in_app}
                        onChange={(e) => save(type, { in_app: e.target.checked })} />
                    </td>
                    <td className="px-4 py-2 text-center">
                      <Select aria-label={`${label}: e-mail`} value={p.email}
                        onChange={(e) => save(type, { email: e.target.value as EmailMode })}>
                        {EMAIL.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                      </Select>
                    </td>
                    <td className="px-4 py-2 text-center">
                      <input type="checkbox" aria-label={`${label}: Slack`} checked={p.slack}
                        onChange={(e) => save(type, { slack: e.target.checked })} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-3 text-xs text-muted">
        E-mail and Slack are sent when the studio has configured them. Nobody is notified of their own changes.
      </p>
    </main>
  );
}
