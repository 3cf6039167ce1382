import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router/Link';
import { PageHeading } from '../lib/ui/PageHeading';
import { paths } from '../lib/router/paths';

export function NotFoundView() {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="not-found-heading">
      <PageHeading id="not-found-heading">{t('notFound.title')}</PageHeading>
      <p className="page__intro">{t('notFound.text')}</p>
      <p>
        <Link to={paths.home}>{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
