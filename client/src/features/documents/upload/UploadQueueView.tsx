import { useTranslation } from 'react-i18next';
import { problemOf } from '../../../lib/api/http';
import { failureText } from '../../../lib/ui/failureText';
import { formatBytes, percentDone } from '../sizes';
import { type UploadItem, isFinished } from './uploadQueue';
import type { Uploads } from './useUploads';

function ItemState({ item }: { item: UploadItem }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'de';
  switch (item.status) {
    case 'waiting':
      return <span className="upload__state">{t('documents.upload.waiting')}</span>;
    case 'uploading':
      return (
        <span className="upload__state">
          {t('documents.upload.progress', {
            loaded: formatBytes(item.loaded, locale),
            total: formatBytes(item.size, locale),
          })}
        </span>
      );
    case 'done':
      return (
        <span className="upload__state upload__state--done">
          {item.newVersion ? t('documents.upload.stateVersion') : t('documents.upload.stateDone')}
        </span>
      );
    case 'cancelled':
      return <span className="upload__state">{t('documents.upload.stateCancelled')}</span>;
    case 'failed': {
      const failure = item.failure;
      if (failure?.kind === 'tooLarge') {
        return (
          <span className="upload__state upload__state--problem">
            {failure.maxBytes === null
              ? t('documents.upload.tooLargeShortUnknown')
              : t('documents.upload.tooLargeShort', { max: formatBytes(failure.maxBytes, locale) })}
          </span>
        );
      }
      const text = failure ? failureText(failure.failure) : { key: 'errors.network' };
      const detail = failure ? problemOf(failure.failure)?.detail : undefined;
      return (
        <span className="upload__state upload__state--problem">
          {t('documents.upload.stateFailed')} {t(text.key, text.values)} {detail}
        </span>
      );
    }
  }
}

/** The files being uploaded: a progress bar each, cancel while running, and the outcome in words. */
export function UploadQueueView({ uploads }: { uploads: Uploads }) {
  const { t } = useTranslation();
  const finished = uploads.items.filter(isFinished).length;
  return (
    <section className="upload-queue" aria-labelledby="upload-queue-heading" hidden={uploads.items.length === 0}>
      <h3 id="upload-queue-heading" className="upload-queue__title">
        {t('documents.upload.queueTitle')}
      </h3>
      <ul className="upload-queue__list">
        {uploads.items.map((item) => {
          const percent = item.status === 'done' ? 100 : percentDone(item.loaded, item.size);
          return (
            <li key={item.id} className={`upload upload--${item.status}`} data-testid="upload-item">
              <span className="upload__name">{item.name}</span>
              <div
                className="upload__bar"
                role="progressbar"
                aria-label={t('documents.upload.progressLabel', { name: item.name })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                aria-valuetext={t('documents.upload.percent', { percent })}
              >
                <span className="upload__fill" style={{ width: `${percent}%` }} />
              </div>
              <ItemState item={item} />
              {!isFinished(item) && (
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('documents.upload.cancelFile', { name: item.name })}
                  onClick={() => uploads.cancel(item.id)}
                >
                  {t('documents.cancel')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {finished > 0 && (
        <p>
          <button type="button" className="button button--small" onClick={uploads.clearFinished}>
            {t('documents.upload.clear')}
          </button>
        </p>
      )}
    </section>
  );
}

/** The polite live region: always in the page, so screen readers hear each completion and failure. */
export function UploadAnnouncer({ message }: { message: string }) {
  return (
    <p className="upload-announcer" role="status" aria-live="polite" data-testid="upload-status">
      {message}
    </p>
  );
}
