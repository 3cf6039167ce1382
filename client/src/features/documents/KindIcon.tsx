import { useTranslation } from 'react-i18next';
import { type DocumentEntry } from '@arbeitsbereich/contract';

type IconKind = 'folder' | 'text' | 'pdf' | 'document' | 'sheet' | 'image' | 'file';

/** A rough family of a file from its checked type, for the icon only. */
export function iconKind(entry: Pick<DocumentEntry, 'kind' | 'contentType' | 'name'>): IconKind {
  if (entry.kind === 'folder') return 'folder';
  if (entry.kind === 'text') return 'text';
  const type = entry.contentType.toLowerCase();
  const name = entry.name.toLowerCase();
  if (type === 'application/pdf' || name.endsWith('.pdf')) return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (/spreadsheet|excel|\.sheet/.test(type) || /\.(ods|xlsx?|csv)$/.test(name)) return 'sheet';
  if (/wordprocessing|msword|opendocument\.text|rtf/.test(type) || /\.(odt|docx?|rtf)$/.test(name)) return 'document';
  return 'file';
}

const PATHS: Record<IconKind, string> = {
  folder: 'M1.5 4.5a1 1 0 0 1 1-1h3.6l1.4 1.5h6a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z',
  text: 'M3.5 1.5h6l3 3v10h-9zM5.5 7h5M5.5 9.5h5M5.5 12h3',
  pdf: 'M3.5 1.5h6l3 3v10h-9zM5 11.5h6M5 9h6',
  document: 'M3.5 1.5h6l3 3v10h-9zM5.5 7h5M5.5 9.5h5',
  sheet: 'M2.5 2.5h11v11h-11zM2.5 6.5h11M2.5 10h11M6.5 2.5v11',
  image: 'M2 3h12v10H2zM4 11l3-3.5 2 2 1.5-1.5L13 11',
  file: 'M3.5 1.5h6l3 3v10h-9z',
};

/** The entry's kind as a small picture, with the kind in words for screen readers. */
export function KindIcon({ entry }: { entry: Pick<DocumentEntry, 'kind' | 'contentType' | 'name'> }) {
  const { t } = useTranslation();
  const kind = iconKind(entry);
  return (
    <span className={`kind-icon kind-icon--${kind}`}>
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path
          d={PATHS[kind]}
          fill={kind === 'folder' ? 'currentColor' : 'none'}
          stroke="currentColor"
          strokeWidth="1.3"
        />
      </svg>
      <span className="visually-hidden">{t(`documents.kind.${kind}`)}</span>
    </span>
  );
}
