import { useState } from "react";

import { isApiError } from "@/api/errors";
import type { VersionRead } from "@/api/review";
import { useShareVersion } from "@/api/share";
import { ShareDialog } from "@/features/share/components/share-dialog";

/**
 * Share a version with the client, and undo it. One click when the project has a live review
 * link; otherwise the "Create review link for client?" dialog. `useShareFlow` is the same
 * behaviour for menus (kanban cards, version rows).
 */
export function useShareFlow(version: VersionRead | null, label: string) {
  const { share, unshare } = useShareVersion(version?.id ?? 0, version?.task_id ?? 0, version?.project_id ?? 0);
  const [dialog, setDialog] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fail = (error: unknown, what: string) => setMessage({ text: isApiError(error) ? error.message : `Could not ${what}.`, error: true });
  const start = () => {
    setMessage(null);
    share.mutate(
      {},
      {
        onSuccess: (result) => setMessage({ text: `Shared ${label} with the client (${result.review_session.name}).`, error: false }),
        onError: (error) => (isApiError(error) && error.code === "needs_review_session" ? setDialog(true) : fail(error, "share")),
      },
    );
  };
  const stop = () => {
    setMessage(null);
    unshare.mutate(undefined, {
      onSuccess: () => setMessage({ text: `${label} is no longer shared with the client.`, error: false }),
      onError: (error) => fail(error, "unshare"),
    });
  };
  const view =
    version === null || (!message && !dialog) ? null : (
      <>
        {message && (
          <p role={message.error ? "alert" : "status"} className={message.error ? "text-sm text-danger" : "text-sm text-muted"}>
            {message.text}
          </p>
        )}
        {dialog && <ShareDialog version={version} label={label} onClose={() => setDialog(false)} onShared={(text) => setMessage({ text, error: false })} />}
      </>
    );
  return { start, stop, pending: share.isPending || unshare.isPending, view };
}
