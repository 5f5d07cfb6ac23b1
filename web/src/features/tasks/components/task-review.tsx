import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";

import { accountsQueryOptions } from "@/api/accounts";
import type { AccountRead } from "@/api/auth";
import { isApiError } from "@/api/errors";
import { notesQueryOptions, taskApprovalsQueryOptions, taskVersionsQueryOptions, useCreateNote } from "@/api/review";
import type { TaskRead } from "@/api/tasks";
import { Empty, ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatWhen, NoteComposer, NotesList, ReviewPlayer, UploadVersion, versionLabel, VersionsList } from "@/features/review-player";

/** The selected version (`?version=`, else the newest) and a setter, shared by player and list. */
function useSelectedVersion(taskId: number) {
  const versions = useQuery(taskVersionsQueryOptions(taskId));
  const [search, setSearch] = useSearchParams();
  const list = versions.data ?? [];
  const picked = Number(search.get("version"));
  const selected = list.find((v) => v.id === picked) ?? list[0] ?? null;
  const select = (id: number) => setSearch({ version: String(id) }, { replace: true });
  return { versions, list, selected, select };
}

/** The player for the task's selected version, full width above the details. */
export function TaskPlayer({ task, account }: { task: TaskRead; account: AccountRead }) {
  const { selected } = useSelectedVersion(task.id);
  if (!selected) return null;
  return (
    <Card className="mb-4 p-3">
      <h2 className="sr-only">Player</h2>
      <div className="h-[clamp(26rem,68vh,46rem)]">
        <ReviewPlayer key={selected.id} versionId={selected.id} account={account} embedded />
      </div>
    </Card>
  );
}

/** The task's versions with the upload, and the comments thread. */
export function TaskReview({ task, account }: { task: TaskRead; account: AccountRead }) {
  const { versions, list, selected, select } = useSelectedVersion(task.id);
  const canUpload = account.role !== "client";
  return (
    <>
      <Card className="p-5">
        <h2 className="mb-2 text-sm font-semibold">Versions</h2>
        {versions.isPending ? (
          <Loading />
        ) : versions.isError ? (
          <ErrorNote error={versions.error} />
        ) : list.length === 0 ? (
          <Empty title="No versions yet">Upload the first version of this task below.</Empty>
        ) : (
          <VersionsList versions={list} selectedId={selected?.id ?? null} onSelect={select} />
        )}
        {canUpload && (
          <div className="mt-3">
            <UploadVersion taskId={task.id} projectId={task.project_id} onCreated={select} />
          </div>
        )}
      </Card>
      <TaskComments taskId={task.id} account={account} />
    </>
  );
}

function TaskComments({ taskId, account }: { taskId: number; account: AccountRead }) {
  const notes = useQuery(notesQueryOptions("tasks", taskId));
  const create = useCreateNote("tasks", taskId);
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const post = () => {
    if (!body.trim()) return;
    setProblem(null);
    create.mutate(
      { body: body.trim(), visibility: "internal", attachment_ids: [] },
      {
        onSuccess: () => setBody(""),
        onError: (error) => setProblem(isApiError(error) ? (error.fields.body ?? error.message) : "Could not post."),
      },
    );
  };
  return (
    <Card className="p-5">
      <h2 className="mb-2 text-sm font-semibold">Comments</h2>
      {notes.isPending ? <Loading /> : notes.isError ? <ErrorNote error={notes.error} /> : <NotesList notes={notes.data} account={account} empty="No comments yet." />}
      <div className="mt-3 space-y-2">
        <NoteComposer label="Comment" placeholder="Write a comment — @ to mention someone" value={body} onChange={setBody} onSubmit={post} rows={2} />
        <Button size="sm" onClick={post} disabled={create.isPending || !body.trim()}>
          Comment
        </Button>
        {problem && <p role="alert" className="text-sm text-danger">{problem}</p>}
      </div>
    </Card>
  );
}

/** Every decision on every version of the task, newest first. */
export function ApprovalHistory({ taskId }: { taskId: number }) {
  const approvals = useQuery(taskApprovalsQueryOptions(taskId));
  const versions = useQuery(taskVersionsQueryOptions(taskId));
  const accounts = useQuery(accountsQueryOptions());
  const number = (id: number) => versions.data?.find((v) => v.id === id);
  const who = (id: number | null, guest: string | null) => guest ?? accounts.data?.find((a) => a.id === id)?.name ?? "Someone";
  return (
    <Card className="p-5">
      <h2 className="mb-2 text-sm font-semibold">Approvals</h2>
      {approvals.isPending ? (
        <Loading />
      ) : approvals.isError ? (
        <ErrorNote error={approvals.error} />
      ) : approvals.data.length === 0 ? (
        <p className="text-sm text-muted">No decisions yet.</p>
      ) : (
        <ul aria-label="Approval history" className="space-y-2">
          {[...approvals.data].reverse().map((a) => {
            const v = number(a.version_id);
            return (
              <li key={a.id} className="text-sm">
                <span className={a.decision === "approved" ? "font-medium text-[#34c759]" : "font-medium text-danger"}>
                  {a.decision === "approved" ? "Approved" : "Changes requested"}
                </span>{" "}
                {v ? <span className="font-mono">{versionLabel(v)}</span> : null}
                <span className="block text-xs text-muted">
                  {who(a.account_id, a.guest_name)} · {a.stage} · {formatWhen(a.created_at)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
