import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import type { AccountRead } from "@/api/auth";
import { reviewLinksQueryOptions, useReviewLinkActions, type ReviewLink, type ReviewLinkCreated } from "@/api/review-links";
import { reviewSessionDefaultsQueryOptions } from "@/api/share";
import { Empty, ErrorNote, Loading, PageHeader } from "@/components/ui/bits";
import { AccessLog } from "@/features/review-links/components/access-log";
import { BurnInSetting } from "@/features/review-links/components/burn-in-setting";
import { ConfirmDialog } from "@/features/review-links/components/confirm-dialog";
import { EditLinkDialog } from "@/features/review-links/components/edit-link-dialog";
import { LinksTable, type LinkAction } from "@/features/review-links/components/links-table";
import { canManageLinks } from "@/features/review-links/format";
import { LinkCreated, Modal } from "@/features/share";

/**
 * `/projects/:id/review-links`: the project's review links (the ones Share With Client
 * makes). Active ones by default; edit, revoke, regenerate (the new URL shown once) and the
 * access log. Beside them, the project's "burn the viewer's name into downloads" setting.
 */
export function ReviewLinksPage({ projectId, account }: { projectId: number; account: AccountRead }) {
  if (!canManageLinks(account.role)) {
    return <Empty title="Supervisors, producers and admins only">Review links are managed by the people who share versions with the client.</Empty>;
  }
  return <ReviewLinks projectId={projectId} account={account} />;
}

function ReviewLinks({ projectId, account }: { projectId: number; account: AccountRead }) {
  const links = useQuery(reviewLinksQueryOptions(projectId));
  const defaults = useQuery(reviewSessionDefaultsQueryOptions(projectId));
  const { update, revoke, regenerate } = useReviewLinkActions(projectId);
  const [showAll, setShowAll] = useState(false);
  const [open, setOpen] = useState<{ action: LinkAction; link: ReviewLink } | null>(null);
  const [created, setCreated] = useState<ReviewLinkCreated | null>(null);
  const [logOf, setLogOf] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const rows = links.data ?? [];
  const shown = showAll ? rows : rows.filter((l) => l.state === "active");
  const hidden = rows.length - rows.filter((l) => l.state === "active").length;
  const logLink = rows.find((l) => l.id === logOf) ?? null;

  const act = (action: LinkAction, link: ReviewLink) => {
    setMessage(null);
    if (action === "log") {
      setLogOf(link.id);
      return;
    }
    update.reset();
    revoke.reset();
    regenerate.reset();
    setOpen({ action, link });
  };
  const close = () => setOpen(null);

  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <title>Review links · Shotline</title>
      <PageHeader title="Review links">
        <label className="flex items-center gap-2 text-sm text-muted">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          Show expired and revoked{links.data ? ` (${String(hidden)})` : ""}
        </label>
      </PageHeader>
      <BurnInSetting projectId={projectId} account={account} />
      {message && (
        <p role="status" className="mb-3 text-sm text-muted">
          {message}
        </p>
      )}
      {links.isPending ? (
        <Loading />
      ) : links.isError ? (
        <ErrorNote error={links.error} />
      ) : shown.length === 0 ? (
        <div className="rounded-xl border border-line bg-surface">
          <Empty title={rows.length === 0 ? "No review links yet" : "No active review links"}>
            Links are made when you share a version: open a version (its review page, or a kanban card&apos;s ⋯ menu) and click
            Share With Client. The link&apos;s URL is shown once, then managed here.
            {rows.length > 0 && " Tick “Show expired and revoked” to see the older ones."}
          </Empty>
        </div>
      ) : (
        <LinksTable links={shown} onAction={act} />
      )}
      {logLink && <AccessLog key={logLink.id} link={logLink} onClose={() => setLogOf(null)} />}

      {open?.action === "edit" && (
        <EditLinkDialog
          link={open.link}
          maxExpiresAt={defaults.data?.max_expires_at ?? null}
          saving={update.isPending}
          error={update.error}
          onClose={close}
          onSave={(set) =>
            update.mutate(
              { id: open.link.id, set },
              {
                onSuccess: (saved) => {
                  close();
                  setMessage(`Saved “${saved.name}”.`);
                },
              },
            )
          }
        />
      )}
      {open?.action === "revoke" && (
        <ConfirmDialog
          title="Revoke this link?"
          confirm="Revoke"
          busy={revoke.isPending}
          error={revoke.error}
          onClose={close}
          onConfirm={() =>
            revoke.mutate(open.link.id, {
              onSuccess: (saved) => {
                close();
                setMessage(`Revoked “${saved.name}”.`);
              },
            })
          }
        >
          <p>
            <span className="font-medium text-fg">{open.link.name}</span> stops working at once and anyone using it is signed out. This cannot be
            undone; share again to make a new link.
          </p>
        </ConfirmDialog>
      )}
      {open?.action === "regenerate" && (
        <ConfirmDialog
          title="Give this link a new URL?"
          confirm="Regenerate"
          busy={regenerate.isPending}
          error={regenerate.error}
          onClose={close}
          onConfirm={() =>
            regenerate.mutate(open.link.id, {
              onSuccess: (link) => {
                close();
                setCreated(link);
              },
            })
          }
        >
          <p>
            The current URL of <span className="font-medium text-fg">{open.link.name}</span> stops working at once and anyone using it is signed
            out. Its settings and versions stay. You get the new URL once, to send to the client.
          </p>
        </ConfirmDialog>
      )}
      {created && (
        <Modal title="New review link" onClose={() => setCreated(null)}>
          <LinkCreated link={created} onDone={() => setCreated(null)} />
        </Modal>
      )}
    </div>
  );
}
