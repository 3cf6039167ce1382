import { useTranslation } from 'react-i18next';
import { type DocumentEntry } from '@arbeitsbereich/contract';
import { Link } from '../../../lib/router/Link';
import { paths } from '../../../lib/router/paths';
import { ChangedBy, EntryTableHead, entrySize } from '../EntryCells';
import { KindIcon } from '../KindIcon';
import { ScanBadge } from '../scan';
import { type EntryAction, RowActions } from './RowActions';

interface Props {
  entries: DocumentEntry[];
  tenantId: string;
  caption: string;
  onAction: (action: EntryAction, entry: DocumentEntry) => void;
}

/** Folders first, then the rest, each by name. */
export function sortEntries(entries: readonly DocumentEntry[], locale: string): DocumentEntry[] {
  return [...entries].sort((a, b) => {
    if ((a.kind === 'folder') !== (b.kind === 'folder')) return a.kind === 'folder' ? -1 : 1;
    return a.name.localeCompare(b.name, locale, { numeric: true });
  });
}

/** The folder's contents: name (a link), kind, size, who changed it and when, and actions. */
export function EntryTable({ entries, tenantId, caption, onAction }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'de';
  return (
    <div className="table-wrap">
      <table className="table library-table" data-testid="library-table">
        <caption className="visually-hidden">{caption}</caption>
        <EntryTableHead whenLabel={t('documents.columns.changed')} />
        <tbody>
          {sortEntries(entries, locale).map((entry) => (
            <tr key={entry.id} data-entry-id={entry.id}>
              <th scope="row" className="library-table__name">
                <KindIcon entry={entry} />
                <Link
                  to={
                    entry.kind === 'folder'
                      ? paths.documentsFolder(entry.roomId, entry.id)
                      : paths.document(entry.roomId, entry.id)
                  }
                >
                  {entry.name}
                </Link>{' '}
                <ScanBadge entry={entry} />
              </th>
              <td>{entrySize(entry, locale)}</td>
              <td>
                <ChangedBy at={entry.updatedAt} by={entry.updatedBy} locale={locale} />
              </td>
              <td className="row-actions">
                <RowActions entry={entry} tenantId={tenantId} onAction={onAction} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
