import { useTranslation } from 'react-i18next';
import { type DocumentEntry, type PersonRef } from '@arbeitsbereich/contract';
import { formatWhen } from './formatting';
import { formatBytes } from './sizes';

/** The head of a list of entries: name, size, when (changed or deleted), and the actions. */
export function EntryTableHead({ whenLabel }: { whenLabel: string }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{t('documents.columns.name')}</th>
        <th scope="col">{t('documents.columns.size')}</th>
        <th scope="col">{whenLabel}</th>
        <th scope="col">
          <span className="visually-hidden">{t('documents.columns.actions')}</span>
        </th>
      </tr>
    </thead>
  );
}

/** An entry's size; folders have none. */
export function entrySize(entry: DocumentEntry, locale: string): string {
  return entry.kind === 'folder' ? '–' : formatBytes(entry.size, locale);
}

/** When something was changed, and by whom below it. */
export function ChangedBy({ at, by, locale }: { at: string; by: PersonRef; locale: string }) {
  return (
    <>
      {formatWhen(at, locale)}
      <br />
      <span className="muted">{by.name}</span>
    </>
  );
}
