import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from './fileSize';
import type { Attachment } from './matrix/timeline';

const INLINE_IMAGE_LIMIT = 10 * 1024 * 1024;

/** A sent file: images are shown (decrypted in the browser), other files are offered for download. */
export function AttachmentView({
  load,
  attachment,
  image,
}: {
  /** The attachment's content, decrypted if it was sent encrypted. */
  load: (attachment: Attachment) => Promise<Blob>;
  attachment: Attachment;
  image: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const inline = image && (attachment.size ?? 0) <= INLINE_IMAGE_LIMIT;
  const size = attachment.size === undefined ? '' : formatBytes(attachment.size, i18n.resolvedLanguage ?? 'de');

  useEffect(() => {
    if (!inline) return undefined;
    let objectUrl: string | undefined;
    let cancelled = false;
    load(attachment).then(
      (blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [load, attachment, inline]);

  const download = () => {
    setBusy(true);
    load(attachment)
      .then((blob) => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = attachment.name || 'datei';
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      })
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };

  return (
    <div className="attachment">
      {inline && url && <img className="attachment__image" src={url} alt={attachment.name} />}
      {inline && !url && !failed && (
        <p className="message__body message__body--muted">{t('chat.attachment.loading')}</p>
      )}
      <p className="attachment__file">
        <span className="attachment__name">{attachment.name}</span>
        {size && <span className="message__meta"> ({size})</span>}{' '}
        <button type="button" className="button button--small" onClick={download} aria-disabled={busy}>
          {busy ? t('chat.attachment.downloading') : t('chat.attachment.download', { name: attachment.name })}
        </button>
      </p>
      {failed && (
        <p className="message__meta message__meta--problem" role="alert">
          {t('chat.attachment.failed')}
        </p>
      )}
    </div>
  );
}
