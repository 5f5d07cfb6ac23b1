import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

import { accountsQueryOptions, ROLES, useCreateAccount, useUpdateAccount, type Role } from "@/api/accounts";
import type { AccountRead } from "@/api/auth";
import { isApiError } from "@/api/errors";
import {
  CATEGORY_LABELS,
  customFieldsQueryOptions,
  membersQueryOptions,
  projectsQueryOptions,
  statusesQueryOptions,
  taskTypesQueryOptions,
  templatesQueryOptions,
  useCreateCustomField,
  useCreateMember,
  useCreateStatus,
  useCreateTaskType,
  useRemoveMember,
  useReorderStatuses,
  useUpdateStatus,
  type CustomFieldRead,
  type StatusCategory,
} from "@/api/projects";
import { Empty, ErrorNote, Loading, PageHeader } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ShareSettingsAdmin } from "@/features/admin/components/share-settings";
import { WebhooksAdmin } from "@/features/webhooks";
import { cn } from "@/lib/cn";

const TABS = ["Accounts", "Members", "Task types", "Statuses", "Templates", "Custom fields", "Webhooks", "Client review"] as const;
/** Tabs about the whole organization: no project picker. */
const ORG_TABS: readonly Tab[] = ["Accounts", "Task types", "Webhooks", "Client review"];
type Tab = (typeof TABS)[number];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-xl border border-line bg-surface p-5">
      {children}
    </section>
  );
}

function Problem({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = isApiError(error) ? Object.entries(error.fields).map(([k, v]) => `${k}: ${v}`).join("; ") : "";
  return <ErrorNote>{isApiError(error) ? `${error.message}${fields ? ` (${fields})` : ""}` : "Could not save."}</ErrorNote>;
}

const th = "px-2 py-1.5 text-left text-xs font-medium text-muted";
const td = "px-2 py-1.5";

export function AdminPage({ account }: { account: AccountRead }) {
  const [tab, setTab] = useState<Tab>("Accounts");
  const projects = useQuery(projectsQueryOptions());
  const [projectId, setProjectId] = useState<number | null>(null);
  const pid = projectId ?? projects.data?.[0]?.id ?? null;
  if (account.role !== "admin" && account.role !== "producer")
    return <Empty title="Admins and producers only">Ask an admin if you need changes here.</Empty>;
  return (
    <main className="mx-auto w-full max-w-screen-xl px-4 py-6 sm:px-6">
      <title>Admin · Shotline</title>
      <PageHeader title="Admin">
        {!ORG_TABS.includes(tab) && (
          <Select aria-label="Project" value={pid ?? ""} onChange={(e) => setProjectId(Number(e.target.value))}>
            {(projects.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </Select>
        )}
      </PageHeader>
      <div role="tablist" aria-label="Admin sections" className="mb-4 flex flex-wrap gap-1 border-b border-line">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={t === tab} onClick={() => setTab(t)}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm", t === tab ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg")}>
            {t}
          </button>
        ))}
      </div>
      {tab === "Accounts" && <Accounts canEdit={account.role === "admin"} />}
      {tab === "Task types" && <TaskTypes />}
      {tab === "Webhooks" && <WebhooksAdmin />}
      {tab === "Client review" && <ShareSettingsAdmin canEdit={account.role === "admin"} />}
      {pid !== null && tab === "Members" && <Members projectId={pid} />}
      {pid !== null && tab === "Statuses" && <Statuses projectId={pid} />}
      {pid !== null && tab === "Templates" && <Templates projectId={pid} />}
      {pid !== null && tab === "Custom fields" && <CustomFields projectId={pid} />}
    </main>
  );
}

function Accounts({ canEdit }: { canEdit: boolean }) {
  const accounts = useQuery(accountsQueryOptions());
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const [form, setForm] = useState({ name: "", email: "", role: "artist" as Role, password: "" });
  function submit(e: { preventDefault: () => void }) {
    e.preventDefault();
    create.mutate(
      { name: form.name, email: form.email, role: form.role, kind: "person", password: form.password || null },
      { onSuccess: () => setForm({ name: "", email: "", role: "artist", password: "" }) },
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(18rem,1fr)]">
      <Section title="Accounts">
        {accounts.isPending ? <Loading /> : accounts.isError ? <ErrorNote error={accounts.error} /> : (
          <table className="w-full text-sm">
            <thead><tr><th className={th}>Name</th><th className={th}>E-mail</th><th className={th}>Role</th><th className={th}>Status</th></tr></thead>
            <tbody>
              {accounts.data.map((a) => (
                <tr key={a.id} className="border-t border-line/60">
                  <td className={td}>{a.name}</td>
                  <td className={cn(td, "text-muted")}>{a.email}</td>
                  <td className={td}>
                    <Select aria-label={`Role of ${a.name}`} value={a.role} disabled={!canEdit}
                      onChange={(e) => update.mutate({ account: a, set: { role: e.target.value as Role } })}>
                      {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                    </Select>
                  </td>
                  <td className={td}>
                    <Select aria-label={`Status of ${a.name}`} value={a.status} disabled={!canEdit}
                      onChange={(e) => update.mutate({ account: a, set: { status: e.target.value as "active" | "disabled" } })}>
                      <option value="active">active</option>
                      <option value="disabled">disabled</option>
                    </Select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="mt-2"><Problem error={update.error} /></div>
      </Section>
      <Section title="New account">
        <form onSubmit={submit} className="space-y-3" aria-label="Create account">
          <h2 className="text-sm font-semibold">New account</h2>
          <label className="block text-xs text-muted">Name<Input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
          <label className="block text-xs text-muted">E-mail<Input required type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></label>
          <label className="block text-xs text-muted">Role
            <Select className="mt-1 block w-full" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </Select>
          </label>
          <label className="block text-xs text-muted">Initial password<Input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></label>
          <Problem error={create.error} />
          {create.isSuccess && <p role="status" className="text-sm text-fg">Account created.</p>}
          <Button type="submit" disabled={!canEdit || create.isPending}>Create account</Button>
          {!canEdit && <p className="text-xs text-muted">Only admins create accounts.</p>}
        </form>
      </Section>
    </div>
  );
}

function Members({ projectId }: { projectId: number }) {
  const members = useQuery(membersQueryOptions(projectId));
  const accounts = useQuery(accountsQueryOptions());
  const create = useCreateMember(projectId);
  const remove = useRemoveMember(projectId);
  const [accountId, setAccountId] = useState("");
  const [role, setRole] = useState<Role>("artist");
  return (
    <Section title="Project members">
      {members.isPending ? <Loading /> : members.isError ? <ErrorNote error={members.error} /> : (
        <table className="w-full text-sm">
          <thead><tr><th className={th}>Member</th><th className={th}>Role</th><th className={th}>Account</th><th /></tr></thead>
          <tbody>
            {members.data.map((m) => (
              <tr key={m.id} className="border-t border-line/60">
                <td className={td}>{m.display_name}</td>
                <td className={td}>{m.role}</td>
                <td className={cn(td, "text-muted")}>{m.account_id === null ? "Open slot" : "Linked"}</td>
                <td className={td}><Button size="sm" variant="ghost" onClick={() => remove.mutate(m.id)}>Remove</Button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="mt-4 flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); create.mutate({ account_id: accountId ? Number(accountId) : null, role }); }}>
        <Select aria-label="Account to add" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          <option value="">Choose an account…</option>
          {(accounts.data ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </Select>
        <Select aria-label="Member role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </Select>
        <Button type="submit" size="sm" disabled={!accountId}>Add member</Button>
      </form>
      <div className="mt-2"><Problem error={create.error ?? remove.error} /></div>
    </Section>
  );
}

function TaskTypes() {
  const types = useQuery(taskTypesQueryOptions());
  const create = useCreateTaskType();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [appliesTo, setAppliesTo] = useState<"shot" | "asset" | "both">("shot");
  return (
    <Section title="Task types">
      {types.isPending ? <Loading /> : types.isError ? <ErrorNote error={types.error} /> : (
        <table className="w-full text-sm">
          <thead><tr><th className={th}>Code</th><th className={th}>Name</th><th className={th}>Applies to</th></tr></thead>
          <tbody>{types.data.map((t) => (
            <tr key={t.id} className="border-t border-line/60"><td className={cn(td, "font-mono text-xs")}>{t.code}</td><td className={td}>{t.name}</td><td className={td}>{t.applies_to}</td></tr>
          ))}</tbody>
        </table>
      )}
      <form className="mt-4 flex flex-wrap gap-2" onSubmit={(e) => { e.preventDefault(); create.mutate({ code, name, applies_to: appliesTo, sort_order: 100 }, { onSuccess: () => { setCode(""); setName(""); } }); }}>
        <Input aria-label="Type code" placeholder="CODE" className="h-8 w-32" value={code} onChange={(e) => setCode(e.target.value)} required />
        <Input aria-label="Type name" placeholder="Name" className="h-8 w-48" value={name} onChange={(e) => setName(e.target.value)} required />
        <Select aria-label="Applies to" value={appliesTo} onChange={(e) => setAppliesTo(e.target.value as "shot" | "asset" | "both")}>
          <option value="shot">shot</option><option value="asset">asset</option><option value="both">both</option>
        </Select>
        <Button type="submit" size="sm">Add type</Button>
      </form>
      <div className="mt-2"><Problem error={create.error} /></div>
    </Section>
  );
}

function Statuses({ projectId }: { projectId: number }) {
  const statuses = useQuery(statusesQueryOptions(projectId));
  const update = useUpdateStatus(projectId);
  const reorder = useReorderStatuses(projectId);
  const create = useCreateStatus(projectId);
  const [draft, setDraft] = useState({ code: "", name: "", color: "#64748b", category: "todo" as StatusCategory });
  const list = statuses.data ?? [];
  function move(index: number, by: number) {
    const ids = list.map((s) => s.id);
    const [id] = ids.splice(index, 1);
    if (id === undefined) return;
    ids.splice(index + by, 0, id);
    reorder.mutate(ids);
  }
  return (
    <Section title="Task statuses">
      {statuses.isPending ? <Loading /> : (
        <table className="w-full text-sm">
          <thead><tr><th className={th}>Order</th><th className={th}>Colour</th><th className={th}>Name</th><th className={th}>Code</th><th className={th}>Category</th></tr></thead>
          <tbody>{list.map((s, i) => (
            <tr key={s.id} className="border-t border-line/60">
              <td className={td}>
                <Button size="sm" variant="ghost" aria-label={`Move ${s.name} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</Button>
                <Button size="sm" variant="ghost" aria-label={`Move ${s.name} down`} disabled={i === list.length - 1} onClick={() => move(i, 1)}>↓</Button>
              </td>
              <td className={td}><input type="color" aria-label={`Colour of ${s.name}`} defaultValue={s.color} onBlur={(e) => e.target.value !== s.color && update.mutate({ status: s, set: { color: e.target.value } })} /></td>
              <td className={td}><Input aria-label={`Name of ${s.name}`} className="h-8" defaultValue={s.name} key={s.row_version} onBlur={(e) => e.target.value !== s.name && update.mutate({ status: s, set: { name: e.target.value } })} /></td>
              <td className={cn(td, "font-mono text-xs text-muted")}>{s.code}</td>
              <td className={td}>
                <Select aria-label={`Category of ${s.name}`} value={s.category} onChange={(e) => update.mutate({ status: s, set: { category: e.target.value as StatusCategory } })}>
                  {Object.entries(CATEGORY_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                </Select>
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <form className="mt-4 flex flex-wrap gap-2" onSubmit={(e) => { e.preventDefault(); create.mutate(draft); }}>
        <Input aria-label="Status code" placeholder="CODE" className="h-8 w-32" value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} required />
        <Input aria-label="Status name" placeholder="Name" className="h-8 w-40" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
        <input type="color" aria-label="Status colour" value={draft.color} onChange={(e) => setDraft({ ...draft, color: e.target.value })} />
        <Select aria-label="Status category" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value as StatusCategory })}>
          {Object.entries(CATEGORY_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </Select>
        <Button type="submit" size="sm">Add status</Button>
      </form>
      <div className="mt-2"><Problem error={update.error ?? create.error ?? reorder.error} /></div>
    </Section>
  );
}

function Templates({ projectId }: { projectId: number }) {
  const templates = useQuery(templatesQueryOptions(projectId));
  const types = useQuery(taskTypesQueryOptions());
  const typeName = (id: number) => types.data?.find((t) => t.id === id)?.name ?? `#${String(id)}`;
  if (templates.isPending) return <Loading />;
  if (templates.isError) return <ErrorNote error={templates.error} />;
  return (
    <Section title="Task templates">
      {templates.data.length === 0 ? <Empty title="No templates" /> : (
        <ul className="divide-y divide-line/60">
          {templates.data.map((t) => (
            <li key={t.id} className="py-2">
              <p className="text-sm font-medium">{t.name} <span className="text-xs text-muted">({t.applies_to}s)</span></p>
              <p className="text-xs text-muted">{t.items.map((i) => (typeof i.title === "string" ? i.title : typeName(Number(i.task_type_id)))).join(" · ")}</p>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-xs text-faint">Apply a template from the Shots or Assets grid: select rows, then "Apply template…" in the batch toolbar (or `POST …/task-templates/{"{id}"}/apply`).</p>
    </Section>
  );
}

function CustomFields({ projectId }: { projectId: number }) {
  const fields = useQuery(customFieldsQueryOptions(projectId));
  const create = useCreateCustomField(projectId);
  const [draft, setDraft] = useState({ key: "", label: "", entity_type: "shot" as CustomFieldRead["entity_type"], field_type: "text" as CustomFieldRead["field_type"] });
  return (
    <Section title="Custom fields">
      {fields.isPending ? <Loading /> : fields.isError ? <ErrorNote error={fields.error} /> : fields.data.length === 0 ? (
        <Empty title="No custom fields yet">Add one below; it shows up in the grid's column chooser.</Empty>
      ) : (
        <table className="w-full text-sm">
          <thead><tr><th className={th}>Label</th><th className={th}>Key</th><th className={th}>On</th><th className={th}>Type</th></tr></thead>
          <tbody>{fields.data.map((f) => (
            <tr key={f.id} className="border-t border-line/60"><td className={td}>{f.label}</td><td className={cn(td, "font-mono text-xs")}>{f.key}</td><td className={td}>{f.entity_type}</td><td className={td}>{f.field_type}</td></tr>
          ))}</tbody>
        </table>
      )}
      <form className="mt-4 flex flex-wrap gap-2" onSubmit={(e) => { e.preventDefault(); create.mutate({ ...draft, options: [], required: false, sort_order: 0 }); }}>
        <Input aria-label="Field key" placeholder="key" className="h-8 w-32" value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value })} required />
        <Input aria-label="Field label" placeholder="Label" className="h-8 w-40" value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value })} required />
        <Select aria-label="Field entity" value={draft.entity_type} onChange={(e) => setDraft({ ...draft, entity_type: e.target.value as CustomFieldRead["entity_type"] })}>
          <option value="shot">shot</option><option value="asset">asset</option><option value="task">task</option>
        </Select>
        <Select aria-label="Field type" value={draft.field_type} onChange={(e) => setDraft({ ...draft, field_type: e.target.value as CustomFieldRead["field_type"] })}>
          {["text", "number", "date", "boolean"].map((t) => <option key={t} value={t}>{t}</option>)}
        </Select>
        <Button type="submit" size="sm">Add field</Button>
      </form>
      <div className="mt-2"><Problem error={create.error} /></div>
    </Section>
  );
}
