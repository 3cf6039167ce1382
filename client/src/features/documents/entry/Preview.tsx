import { useTranslation } from 'react-i18next';
import { type DocumentEntry } from '@arbeitsbereich/contract';
import { previewUrl } from '../../../lib/api/documents';
import { Busy } from '../../../lib/ui/Busy';
import type { DocumentsContext } from '../useDocumentsContext';

/** The PDF preview of the current version: shown when ready, said in words while it is made or when there is none. */
export function Preview({ context, entry }: { context: DocumentsContext; entry: DocumentEntry }) {
  const { t } = useTranslation();
  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h4 id="preview-heading" className="preview__title">
        {t('documents.preview.title')}
      </h4>
      {entry.preview === 'ready' && (
        <iframe
          className="preview__frame"
          title={t('documents.preview.frame', { name: entry.name })}
          src={`${previewUrl(context.tenantId, context.roomId, entry.id)}?v=${entry.version ?? 0}`}
          data-testid="preview-frame"
        />
      )}
      {entry.preview === 'pending' && <Busy message={t('documents.preview.pending')} delayMs={0} />}
      {entry.preview === 'failed' && <p className="muted">{t('documents.preview.failed')}</p>}
      {entry.preview === 'none' && <p className="muted">{t('documents.preview.none')}</p>}
    </section>
  );
}
