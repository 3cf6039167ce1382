import { useTranslation } from 'react-i18next';
import { type PersonRef } from '@arbeitsbereich/contract';
import { Link } from '../../../lib/router/Link';
import { paths } from '../../../lib/router/paths';

/** Where in the library the folder is: "Dokumente › Akten › 2026", the last one the current page. */
export function Breadcrumbs({ roomId, path, extra }: { roomId: string; path: PersonRef[]; extra?: string }) {
  const { t } = useTranslation();
  const crumbs = [{ id: null as string | null, name: t('documents.title') }, ...path];
  return (
    <nav aria-label={t('documents.breadcrumbs')} className="breadcrumbs">
      <ol className="breadcrumbs__list">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1 && extra === undefined;
          return (
            <li key={crumb.id ?? 'top'} className="breadcrumbs__item">
              {last ? (
                <span aria-current="page" className="breadcrumbs__current">
                  {crumb.name}
                </span>
              ) : (
                <Link to={crumb.id === null ? paths.documents(roomId) : paths.documentsFolder(roomId, crumb.id)}>
                  {crumb.name}
                </Link>
              )}
            </li>
          );
        })}
        {extra !== undefined && (
          <li className="breadcrumbs__item">
            <span aria-current="page" className="breadcrumbs__current">
              {extra}
            </span>
          </li>
        )}
      </ol>
    </nav>
  );
}
