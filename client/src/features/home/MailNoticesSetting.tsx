import { can } from '@arbeitsbereich/contract';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../lib/api/client';
import { type ApiFailure, toApiFailure } from '../../lib/api/http';
import { useLoad } from '../../lib/api/useLoad';
import { useAnnounce } from '../../lib/ui/Announcer';
import { FailureAlert } from '../../lib/ui/FailureAlert';

interface Props {
  api: ApiClient;
  tenantId: string;
  personId: string;
}

/** "Benachrichtigungen per E-Mail": the signed-in person turns the workspace's notices by e-mail on or off. */
export function MailNoticesSetting({ api, tenantId, personId }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const load = useCallback(
    (signal: AbortSignal) => api.getPerson(tenantId, personId, signal),
    [api, tenantId, personId],
  );
  const person = useLoad(`${tenantId}|${personId}`, load);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  if (!person.data || !can(person.data.abilities, 'person.updateMailNotices')) return null;
  const enabled = person.data.mailNotices;

  const toggle = () => {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    api.setMailNotices(tenantId, personId, !enabled).then(
      (updated) => {
        setBusy(false);
        person.update(() => updated);
        announce(t(updated.mailNotices ? 'home.mailNotices.on' : 'home.mailNotices.off'));
      },
      (caught: unknown) => {
        setBusy(false);
        setFailure(toApiFailure(caught));
      },
    );
  };

  return (
    <section className="home__mail" aria-labelledby="home-mail-heading">
      <h2 id="home-mail-heading">{t('home.mailNotices.title')}</h2>
      <div className="home__mail-setting">
        <input
          id="home-mail-notices"
          type="checkbox"
          checked={enabled}
          onChange={toggle}
          aria-describedby="home-mail-notices-hint"
          aria-busy={busy}
        />
        <label htmlFor="home-mail-notices">{t('home.mailNotices.label')}</label>
        <p id="home-mail-notices-hint" className="field__hint">
          {t('home.mailNotices.hint')}
        </p>
      </div>
      {failure && <FailureAlert failure={failure} title={t('home.mailNotices.failed')} />}
    </section>
  );
}
