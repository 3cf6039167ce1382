interface SubmitProps {
  busy: boolean;
  label: string;
  /** Shown while `busy`, instead of the label. */
  busyLabel: string;
  /** Announced as unavailable; `busy` unless said otherwise. */
  unavailable?: boolean;
}

/** The form's main button: stays focusable while busy (aria-disabled), and says so. */
function SubmitButton({ busy, label, busyLabel, unavailable = busy }: SubmitProps) {
  return (
    <button type="submit" className="button button--primary" aria-disabled={unavailable}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** The end of a form on a page: its one submit button. */
export function FormActions(props: SubmitProps) {
  return (
    <div className="form__actions">
      <SubmitButton {...props} />
    </div>
  );
}

/** The end of a form in a dialog: cancel (closed while busy), then submit. */
export function DialogFormActions({
  cancelLabel,
  onCancel,
  ...submit
}: SubmitProps & { cancelLabel: string; onCancel: () => void }) {
  return (
    <div className="dialog__actions">
      <button type="button" className="button" onClick={onCancel} disabled={submit.busy}>
        {cancelLabel}
      </button>
      <SubmitButton {...submit} />
    </div>
  );
}
