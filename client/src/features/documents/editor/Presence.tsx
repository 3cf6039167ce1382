import { useTranslation } from 'react-i18next';

/** "Hier: Sie, Bernd Beispiel": who has the document open right now. */
export function Presence({ others }: { others: string[] }) {
  const { t } = useTranslation();
  const names = [t('documents.editor.you'), ...others].join(', ');
  return (
    <p className="editor-presence" data-testid="editor-presence">
      {t('documents.editor.presence', { names })}
    </p>
  );
}
