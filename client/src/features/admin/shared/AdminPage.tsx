import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../lib/api/client';
import { useSession } from '../../../lib/session/context';
import { SignInFirst } from '../../../lib/session/SignInFirst';
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
  const { status, api } = useSession();
  return (
    <section className="page admin" aria-labelledby={id}>
      <PageHeading id={id}>{title}</PageHeading>
      {intro && <p className="page__intro">{intro}</p>}
      <SignInFirst why={t('admin.signInFirst')} />
      {status.kind === 'signed-in' && api && children(api)}
    </section>
  );
}

type Section = 'audit' | 'import' | 'people' | 'policy' | 'tenants';

/** An administration page: heading and intro from `admin.<section>`, the body once signed in. */
export function adminPage(section: Section, Body: ComponentType<{ api: ApiClient }>) {
  return function SectionPage() {
    const { t } = useTranslation();
    return (
      <AdminPage id={`${section}-heading`} title={t(`admin.${section}.title`)} intro={t(`admin.${section}.intro`)}>
        {(api) => <Body api={api} />}
      </AdminPage>
    );
  };
}
