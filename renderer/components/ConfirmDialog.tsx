// Asks before a destructive action, listing exactly what it affects.
import type { ReactElement } from 'react';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  message: string;
  /** One line per thing that goes, in the operator's words. */
  items: readonly string[];
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

const listed = 500;

/** A confirmation whose list names what goes; Cancel has the focus so Enter is safe. */
export function ConfirmDialog({
  title,
  message,
  items,
  confirmLabel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps): ReactElement {
  const hidden = items.length - listed;
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      testId="confirm-dialog"
      size="small"
      footer={
        <>
          <button type="button" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
      <ul className="confirm-items" data-testid="confirm-items">
        {items.slice(0, listed).map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
      {hidden > 0 ? <p className="muted">…and {hidden.toLocaleString('en')} more.</p> : null}
    </Dialog>
  );
}
