import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Escape; not while `busy`. */
  onCancel: () => void;
  busy?: boolean;
  /** What gets focus on opening; otherwise the first field, or else the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  describedBy?: string;
  /** False when the dialog closes by going somewhere else, which then takes focus. */
  restoreFocus?: boolean;
  className?: string;
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog. The native <dialog> makes the page behind it inert; Tab and
 * Shift+Tab stay inside it, Escape cancels, and focus returns to where it was.
 */
export function ModalDialog(props: Props) {
  const {
    open,
    title,
    children,
    onCancel,
    busy = false,
    initialFocus,
    describedBy,
    restoreFocus = true,
    className,
  } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  const restore = useRef(restoreFocus);
  restore.current = restoreFocus;
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement;
      dialog.showModal();
      const target =
        initialFocus?.current ??
        dialog.querySelector<HTMLElement>('input, select, textarea') ??
        dialog.querySelector<HTMLElement>(FOCUSABLE);
      target?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (restore.current && returnTo.current instanceof HTMLElement && returnTo.current.isConnected) {
        returnTo.current.focus();
      }
    }
  }, [open, initialFocus]);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onKeyDown={trapTab}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {open && children}
    </dialog>
  );
}
