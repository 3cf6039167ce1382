import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { useSession } from '../../../lib/session/context';
import { Busy } from '../../../lib/ui/Busy';
import { FailureAlert } from '../../../lib/ui/FailureAlert';
import { PageHeading } from '../../../lib/ui/PageHeading';
import '../admin.css';

interface Props {
  id: string;
  title: string;
  intro?: string;
  /** Rendered once the person is signed in, with the API of their session. */
  children: (api: ApiClient) => ReactNode;
}

/** Frame of every administration page: heading, and sign-in first if needed. */
export function AdminPage({ id, title, intro, children }: Props) {
  const { t } = useTranslation();
  const { status, api, signInHref } = useSession();
  return (
    <section className="page admin" aria-labelledby={id}>
      <PageHeading id={id}>{title}</PageHeading>
      {intro && <p className="page__intro">{intro}</p>}
      {status.kind === 'loading' && <Busy message={t('auth.checking')} />}
      {status.kind === 'error' && <FailureAlert failure={status.failure} title={t('auth.sessionFailed')} />}
      {status.kind === 'signed-out' && (
        <div className="alert">
          <p>{t('admin.signInFirst')}</p>
          <p>
            <a className="button button--primary" href={signInHref()}>
              {t('auth.signIn')}
            </a>
          </p>
        </div>
      )}
      {status.kind === 'signed-in' && api && children(api)}
    </section>
  );
}
