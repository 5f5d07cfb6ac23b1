import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Copy, RotateCw } from "lucide-react";
import { useState } from "react";

import { isApiError } from "@/api/errors";
import { projectsQueryOptions } from "@/api/projects";
import {
  deliveriesInfiniteOptions,
  useCreateWebhook,
  useDeleteWebhook,
  useRedeliver,
  useSetWebhookActive,
  webhooksQueryOptions,
  type WebhookCreated,
  type WebhookRead,
} from "@/api/webhooks";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/cn";

function problem(error: unknown): string {
  if (!isApiError(error)) return "Something went wrong.";
  const fields = Object.entries(error.fields).map(([k, v]) => `${k}: ${v}`).join("; ");
  return fields ? `${error.message} (${fields})` : error.message;
}

/** Admin › Webhooks: subscriptions (URL, event filters, optional project), the secret once, delivery log, redeliver. */
export function WebhooksAdmin() {
  const hooks = useQuery(webhooksQueryOptions());
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="space-y-4">
      <CreateWebhook />
      <section aria-label="Webhooks" className="rounded-xl border border-line bg-surface p-5">
        <h2 className="mb-2 text-sm font-semibold">Subscriptions</h2>
        {hooks.isPending ? (
          <Loading />
        ) : hooks.isError ? (
          <ErrorNote error={hooks.error} />
        ) : hooks.data.length === 0 ? (
          <Empty title="No webhooks yet">Send events to your pipeline: a render farm, a chat bot, a CI job.</Empty>
        ) : (
          <ul className="divide-y divide-line/60">
            {hooks.data.map((h) => (
              <WebhookRow key={h.id} hook={h} open={open === h.id} onToggle={() => setOpen(open === h.id ? null : h.id)} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function CreateWebhook() {
  const projects = useQuery(projectsQueryOptions());
  const create = useCreateWebhook();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState("");
  const [projectId, setProjectId] = useState("");
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  function submit(e: { preventDefault: () => void }) {
    e.preventDefault();
    const event_types = events.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    create.mutate(
      { url: url.trim(), event_types, project_id: projectId ? Number(projectId) : null },
      { onSuccess: (w) => { setCreated(w); setUrl(""); setEvents(""); } },
    );
  }
  return (
    <section aria-label="New webhook" className="rounded-xl border border-line bg-surface p-5">
      <h2 className="mb-3 text-sm font-semibold">New webhook</h2>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end">
        <div className="space-y-1"><Label htmlFor="wh-url">URL</Label>
          <Input id="wh-url" required type="url" placeholder="https://ci.example.com/shotline" value={url} onChange={(e) => setUrl(e.target.value)} /></div>
        <div className="space-y-1"><Label htmlFor="wh-events">Events</Label>
          <Input id="wh-events" placeholder="task., version.approved (empty = all)" value={events} onChange={(e) => setEvents(e.target.value)} /></div>
        <div className="space-y-1"><Label htmlFor="wh-project">Project</Label>
          <Select id="wh-project" className="h-10 w-full" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <option value="">All projects</option>
            {(projects.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </Select></div>
        <Button type="submit" disabled={create.isPending}>Create</Button>
      </form>
      {create.isError && <div className="mt-3"><ErrorNote>{problem(create.error)}</ErrorNote></div>}
      {created && (
        <div role="status" className="mt-3 rounded-md border border-warning/40 bg-warning-soft p-3 text-sm">
          <p className="font-medium text-fg">Signing secret — shown once, keep it now:</p>
          <p className="mt-1 flex items-center gap-2">
            <code className="rounded bg-surface-3 px-2 py-1 font-mono text-xs break-all" data-testid="webhook-secret">{created.secret}</code>
            <Button variant="ghost" size="sm" aria-label="Copy secret" onClick={() => void navigator.clipboard.writeText(created.secret)}>
              <Copy aria-hidden="true" className="size-3.5" />
            </Button>
          </p>
          <Button variant="ghost" size="sm" className="mt-1" onClick={() => setCreated(null)}>I saved it</Button>
        </div>
      )}
    </section>
  );
}

function WebhookRow({ hook, open, onToggle }: { hook: WebhookRead; open: boolean; onToggle: () => void }) {
  const setActive = useSetWebhookActive();
  const remove = useDeleteWebhook();
  return (
    <li className="py-2.5">
      <div className="flex flex-wrap items-center gap-2">
        <span className={cn("size-2 rounded-full", hook.active ? "bg-accent" : "bg-faint")} aria-hidden="true" />
        <span className="min-w-0 flex-1 truncate font-mono text-xs" title={hook.url}>{hook.url}</span>
        <span className="text-xs text-muted">{hook.event_types.length ? hook.event_types.join(", ") : "all events"}</span>
        {hook.project_id !== null && <span className="text-xs text-muted">project #{hook.project_id}</span>}
        {!hook.active && hook.disabled_reason && <span className="text-xs text-warning">{hook.disabled_reason}</span>}
        <Button variant="secondary" size="sm" disabled={setActive.isPending}
          onClick={() => setActive.mutate({ id: hook.id, active: !hook.active })}>
          {hook.active ? "Disable" : "Enable"}
        </Button>
        <Button variant="ghost" size="sm" aria-expanded={open} onClick={onToggle}>Deliveries</Button>
        <Button variant="ghost" size="sm" className="text-danger" disabled={remove.isPending}
          onClick={() => window.confirm(`Delete the webhook to ${hook.url}?`) && remove.mutate(hook.id)}>Delete</Button>
      </div>
      {(setActive.isError || remove.isError) && <div className="mt-2"><ErrorNote>{problem(setActive.error ?? remove.error)}</ErrorNote></div>}
      {open && <Deliveries webhookId={hook.id} />}
    </li>
  );
}

function Deliveries({ webhookId }: { webhookId: number }) {
  const log = useInfiniteQuery(deliveriesInfiniteOptions(webhookId));
  const redeliver = useRedeliver(webhookId);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  if (log.isPending) return <Loading />;
  if (log.isError) return <ErrorNote error={log.error} />;
  if (items.length === 0) return <p className="mt-2 text-xs text-muted">No deliveries yet.</p>;
  return (
    <div className="mt-2 overflow-x-auto rounded-lg border border-line">
      <table aria-label="Deliveries" className="w-full text-xs">
        <thead className="bg-surface-2 text-muted">
          <tr>{["Event", "Status", "Attempt", "HTTP", "Duration", "Response", "When", ""].map((h) => <th key={h} className="px-2 py-1.5 text-left font-medium">{h}</th>)}</tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} className="border-t border-line/60 align-top">
              <td className="px-2 py-1.5 font-mono">{d.event_id}</td>
              <td className={cn("px-2 py-1.5", d.status === "failed" ? "text-danger" : d.status === "succeeded" ? "text-accent" : "text-warning")}>{d.status}</td>
              <td className="px-2 py-1.5 tabular-nums">{d.attempt}</td>
              <td className="px-2 py-1.5 tabular-nums">{d.http_status ?? "—"}</td>
              <td className="px-2 py-1.5 tabular-nums">{d.duration_ms === null ? "—" : `${String(d.duration_ms)} ms`}</td>
              <td className="max-w-xs truncate px-2 py-1.5 font-mono text-faint" title={d.error ?? d.response_body ?? ""}>{d.error ?? d.response_body ?? "—"}</td>
              <td className="px-2 py-1.5 whitespace-nowrap text-muted">{new Date(d.last_attempt_at ?? d.created_at).toLocaleString()}</td>
              <td className="px-2 py-1.5">
                <Button variant="ghost" size="sm" disabled={redeliver.isPending} onClick={() => redeliver.mutate(d.id)}>
                  <RotateCw aria-hidden="true" className="size-3" /> Redeliver
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.hasNextPage && <Button variant="ghost" size="sm" onClick={() => void log.fetchNextPage()}>Load more</Button>}
    </div>
  );
}
