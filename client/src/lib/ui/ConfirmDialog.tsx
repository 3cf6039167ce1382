import { type ReactNode, useId, useRef } from 'react';
import { ModalDialog } from './ModalDialog';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  /** Shown while `busy`, instead of the confirm label. */
  busyLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question with two answers. The safe answer (cancel) has focus first. */
export function ConfirmDialog(props: Props) {
  const { open, title, children, confirmLabel, cancelLabel, busy = false, busyLabel, onConfirm, onCancel } = props;
  const cancelRef = useRef<HTMLButtonElement>(null);
  const bodyId = useId();
  return (
    <ModalDialog
      open={open}
      title={title}
      onCancel={onCancel}
      busy={busy}
      initialFocus={cancelRef}
      describedBy={bodyId}
    >
      <div id={bodyId} className="dialog__body">
        {children}
      </div>
      <div className="dialog__actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => !busy && onConfirm()}
          aria-disabled={busy}
        >
          {busy && busyLabel ? busyLabel : confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
