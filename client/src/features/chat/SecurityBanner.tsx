import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../lib/ui/Announcer';
import { ModalDialog } from '../../lib/ui/ModalDialog';
import type { ChatConnection } from './matrix/chatConnection';
import type { ChatSession } from './matrix/chatSession';
import type { Security } from './matrix/security';
import {
  KeyBackupSetUpViewModel,
  RecoveryViewModel,
  keyBackupSetUpStart,
  recoveryStart,
  type SecurityConnection,
} from './matrix/securityViewModels';
import { useOwnedViewModel, useViewModel } from './useViewModel';
// Before a dialog's view-model is made (a layout effect, before the first paint), it shows the start.
import { DialogFormActions } from '../../lib/ui/FormActions';

interface DialogProps {
  connection: SecurityConnection;
  session: ChatSession;
  onClose: () => void;
}

function SetUpDialog({ connection, session, onClose }: DialogProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const vm = useOwnedViewModel(() => new KeyBackupSetUpViewModel({ connection, session }), [connection, session]);
  const { key, busy, failed } = useViewModel(vm) ?? keyBackupSetUpStart;
  const [saved, setSaved] = useState(false);
  const keyId = useId();
  const keyField = useRef<HTMLInputElement>(null);

  const confirm = () => {
    if (!saved) return;
    void vm?.confirm().then((done) => {
      if (!done) return;
      announce(t('chat.security.setUpDone'), 'ok');
      onClose();
    });
  };
  return (
    <ModalDialog open title={t('chat.security.setUpTitle')} onCancel={onClose} busy={busy} initialFocus={keyField}>
      <div className="dialog__body">
        <p>{t('chat.security.setUpText')}</p>
        <label htmlFor={keyId}>{t('chat.security.recoveryKey')}</label>
        <input
          id={keyId}
          ref={keyField}
          className="field__control recovery-key"
          readOnly
          value={key?.encodedPrivateKey ?? ''}
          onFocus={(event) => event.currentTarget.select()}
        />
        <p>
          <label className="checkbox">
            <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />{' '}
            {t('chat.security.keptSafe')}
          </label>
        </p>
        {failed && (
          <p className="composer__problem" role="alert">
            {t('chat.security.setUpFailed')}
          </p>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          {t('chat.security.later')}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={confirm}
          aria-disabled={!saved || busy || !key}
        >
          {busy ? t('chat.security.settingUp') : t('chat.security.setUp')}
        </button>
      </div>
    </ModalDialog>
  );
}

function RecoverDialog({ connection, session, onClose }: DialogProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const vm = useOwnedViewModel(() => new RecoveryViewModel({ connection, session }), [connection, session]);
  const { busy, progress, problem: failure } = useViewModel(vm) ?? recoveryStart;
  const [text, setText] = useState('');
  const fieldId = useId();
  const problemId = useId();
  const problem = failure && t(failure === 'wrong-key' ? 'chat.security.wrongKey' : 'chat.security.recoverFailed');

  const recover = () => {
    void vm?.recover(text).then((imported) => {
      if (imported === undefined) return;
      announce(t('chat.security.recovered', { count: imported }), 'ok');
      onClose();
    });
  };
  return (
    <ModalDialog open title={t('chat.security.recoverTitle')} onCancel={onClose} busy={busy}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          recover();
        }}
      >
        <div className="dialog__body">
          <p>{t('chat.security.recoverText')}</p>
          <label htmlFor={fieldId}>{t('chat.security.recoveryKey')}</label>
          <input
            id={fieldId}
            className="field__control recovery-key"
            autoComplete="off"
            spellCheck={false}
            value={text}
            aria-invalid={problem !== undefined}
            aria-describedby={problem ? problemId : undefined}
            onChange={(event) => setText(event.target.value)}
          />
          {progress && (
            <p role="status">{t('chat.security.restoring', { done: progress.done, total: progress.total })}</p>
          )}
          {problem && (
            <p id={problemId} className="composer__problem" role="alert">
              {problem}
            </p>
          )}
        </div>
        <DialogFormActions
          busy={busy}
          label={t('chat.security.recover')}
          busyLabel={t('chat.security.recovering')}
          cancelLabel={t('chat.security.later')}
          onCancel={onClose}
        />
      </form>
    </ModalDialog>
  );
}

/**
 * Asks for key backup on the first device, and for the recovery key on every further one (which
 * gets no room keys and cannot send until it is confirmed).
 */
export function SecurityBanner({
  connection,
  session,
  security,
}: {
  connection: ChatConnection;
  session: ChatSession;
  security: Security;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (security.kind === 'needs-first-device') {
    return (
      <div className="security-banner" role="region" aria-label={t('chat.security.region')}>
        <p>{t('chat.security.firstDevicePrompt')}</p>
      </div>
    );
  }
  if (security.kind !== 'needs-setup' && security.kind !== 'needs-recovery') return null;
  const setUp = security.kind === 'needs-setup';
  return (
    <div className="security-banner" role="region" aria-label={t('chat.security.region')}>
      <p>{setUp ? t('chat.security.setUpPrompt') : t('chat.security.recoverPrompt')}</p>
      <button type="button" className="button button--primary" onClick={() => setOpen(true)}>
        {setUp ? t('chat.security.setUpButton') : t('chat.security.recoverButton')}
      </button>
      {open && setUp && <SetUpDialog connection={connection} session={session} onClose={() => setOpen(false)} />}
      {open && !setUp && <RecoverDialog connection={connection} session={session} onClose={() => setOpen(false)} />}
    </div>
  );
}
