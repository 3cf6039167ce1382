import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/session/context';
import { ModalDialog } from '../lib/ui/ModalDialog';

/**
 * Before a session ends for lack of activity: a dialog with the time it ends and "Angemeldet
 * bleiben" (WCAG 2.2.1, a time limit can be extended); after it ended: what happened and a
 * way back in.
 */
export function IdleWarning() {
  const { t, i18n } = useTranslation();
  const { status, idle, signOut, signInHref } = useSession();
  const stay = useRef<HTMLButtonElement>(null);
  if (status.kind === 'signed-out' && status.idleMinutes !== undefined) {
    return (
      <div className="alert" role="status" data-testid="idle-ended">
        <p>{t('app.idle.ended', { count: status.idleMinutes })}</p>
        <p>
          <a className="button button--primary" href={signInHref()}>
            {t('app.idle.signInAgain')}
          </a>
        </p>
      </div>
    );
  }
  if (status.kind !== 'signed-in' || !idle.warning) return null;
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, { hour: '2-digit', minute: '2-digit' }).format(
    idle.warning.endsAt,
  );
  return (
    <ModalDialog open title={t('app.idle.title')} onCancel={idle.stay} initialFocus={stay}>
      <div className="dialog__body">
        <p>{t('app.idle.text', { time })}</p>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => void signOut()}>
          {t('app.idle.signOut')}
        </button>
        <button ref={stay} type="button" className="button button--primary" onClick={idle.stay}>
          {t('app.idle.stay')}
        </button>
      </div>
    </ModalDialog>
  );
}
