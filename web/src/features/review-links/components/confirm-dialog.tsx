import type { ReactNode } from "react";

import { isApiError } from "@/api/errors";
import { Button } from "@/components/ui/button";
import { Modal } from "@/features/share";

interface Props {
  title: string;
  confirm: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** "Are you sure?" for what cannot be undone (revoke, regenerate), with the server's refusal. */
export function ConfirmDialog({ title, confirm, busy, error, onConfirm, onClose, children }: Props) {
  return (
    <Modal title={title} onClose={onClose}>
      <div className="space-y-3 text-sm text-muted">{children}</div>
      {Boolean(error) && (
        <p role="alert" className="mt-3 text-sm text-danger">
          {isApiError(error) ? error.message : "Something went wrong."}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" disabled={busy} onClick={onConfirm}>
          {confirm}
        </Button>
      </div>
    </Modal>
  );
}
