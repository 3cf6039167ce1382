import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiFailure, toApiFailure } from '../../../lib/api/http';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { TextField } from '../../../lib/ui/Field';
import { ModalDialog } from '../../../lib/ui/ModalDialog';
import { nameProblem } from '../names';
import { DialogFormActions } from '../../../lib/ui/FormActions';

interface Props {
  open: boolean;
  /** What the name is for; the dialog's texts are `documents.<purpose>.title`, `.label`, `.submit` and `.failed`. */
  purpose: 'newFolder' | 'newText' | 'rename';
  initial: string;
  /** Characters selected first (the name without its extension when renaming a file). */
  selection?: [number, number];
  /** Sends the name; the dialog shows the server's refusal and stays open. */
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a name: new folder, new text document, rename. Checks what it can before sending. */
export function NameDialog(props: Props) {
  const { open, purpose, initial, selection, onSubmit, onClose } = props;
  const { t } = useTranslation();
  const title = t(`documents.${purpose}.title`);
  const label = t(`documents.${purpose}.label`);
  const submitLabel = t(`documents.${purpose}.submit`);
  const failedTitle = t(`documents.${purpose}.failed`);
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<ApiFailure>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    setName(initial);
    setError(undefined);
    setFailure(undefined);
    const [start, end] = selection ?? [0, initial.length];
    window.requestAnimationFrame(() => input.current?.setSelectionRange(start, end));
  }, [open, initial, selection]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problem = nameProblem(name);
    if (problem) {
      setError(t(`documents.name.${problem}`));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    setFailure(undefined);
    onSubmit(name.trim()).then(
      () => {
        setBusy(false);
        onClose();
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <ModalDialog open={open} title={title} onCancel={onClose} busy={busy} initialFocus={input}>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          ref={input}
          id="document-name"
          label={label}
          value={name}
          error={error}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
        />
        {failure && <FailureAlert failure={failure} title={failedTitle} />}
        <DialogFormActions
          busy={busy}
          label={submitLabel}
          busyLabel={t('documents.working')}
          cancelLabel={t('documents.cancel')}
          onCancel={onClose}
        />
      </form>
    </ModalDialog>
  );
}
