import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeneratedSecretStorageKey } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { useAnnounce } from '../../lib/ui/Announcer';
import { ModalDialog } from '../../lib/ui/ModalDialog';
import type { ChatConnection } from './matrix/chatConnection';
import type { ChatSession } from './matrix/chatSession';
import { newRecoveryKey, recoverWithKey, setUpKeyBackup, WrongRecoveryKey, type Security } from './matrix/security';
import { DialogFormActions } from '../../lib/ui/FormActions';

interface DialogProps {
  connection: ChatConnection;
  session: ChatSession;
  onClose: () => void;
}

function SetUpDialog({ connection, session, onClose }: DialogProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [key, setKey] = useState<GeneratedSecretStorageKey | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const keyId = useId();
  const keyField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let cancelled = false;
    newRecoveryKey(session).then(
      (generated) => !cancelled && setKey(generated),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [session]);
  const confirm = () => {
    if (!key || !saved) return;
    setBusy(true);
    setFailed(false);
    setUpKeyBackup(session, key, connection.withRecoveryKey.bind(connection))
      .then(() => {
        announce(t('chat.security.setUpDone'), 'ok');
        onClose();
      })
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
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
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const fieldId = useId();
  const problemId = useId();

  const recover = () => {
    if (busy || text.trim() === '') return;
    setBusy(true);
    setProblem(undefined);
    recoverWithKey(session, text, connection.withRecoveryKey.bind(connection), (done, total) =>
      setProgress({ done, total }),
    )
      .then(({ imported }) => {
        // The crypto's own events may all have come before the signature was uploaded.
        void connection.refreshSecurity();
        announce(t('chat.security.recovered', { count: imported }), 'ok');
        onClose();
      })
      .catch((error: unknown) =>
        setProblem(error instanceof WrongRecoveryKey ? t('chat.security.wrongKey') : t('chat.security.recoverFailed')),
      )
      .finally(() => setBusy(false));
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
