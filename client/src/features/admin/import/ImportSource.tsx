import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../../lib/ui/Field';
import { countDataRows, readCsvFile } from './csvFile';

interface Props {
  csv: string;
  disabled: boolean;
  checking: boolean;
  canCheck: boolean;
  onText: (csv: string) => void;
  onCheck: () => void;
}

/** Step 1: choose a file or paste the text, then "Prüfen (Probelauf)". */
export function ImportSource({ csv, disabled, checking, canCheck, onText, onCheck }: Props) {
  const { t } = useTranslation();
  const [fileName, setFileName] = useState<string>();
  const [fileError, setFileError] = useState<string>();

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileError(undefined);
    void readCsvFile(file).then((result) => {
      if (result.ok) {
        setFileName(file.name);
        onText(result.text);
      } else {
        setFileName(undefined);
        setFileError(t(`admin.import.fileErrors.${result.reason}`));
      }
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (canCheck) onCheck();
  };

  const rows = countDataRows(csv);
  return (
    <section className="panel" aria-labelledby="import-source-heading">
      <h2 id="import-source-heading">{t('admin.import.step1')}</h2>
      <p className="field__hint">{t('admin.import.columns')}</p>
      <form className="form" onSubmit={submit}>
        <div className={`field${fileError ? ' field--invalid' : ''}`}>
          {/* The browser's own file button speaks the browser's language; this label speaks ours. */}
          <div className="file-choice">
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv,text/plain"
              className="file-choice__input visually-hidden"
              onChange={choose}
              disabled={disabled}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? 'import-file-status import-file-error' : 'import-file-status'}
            />
            <label htmlFor="import-file" className="button file-choice__button">
              {t('admin.import.file')}
            </label>
            <span id="import-file-status" className="muted">
              {fileName ? t('admin.import.fileChosen', { name: fileName }) : t('admin.import.noFile')}
            </span>
          </div>
          {fileError && (
            <p id="import-file-error" className="field__error">
              {fileError}
            </p>
          )}
        </div>
        <TextAreaField
          id="import-text"
          name="csv"
          label={t('admin.import.paste')}
          hint={t('admin.import.pasteHint')}
          value={csv}
          rows={8}
          spellCheck={false}
          readOnly={disabled}
          onChange={(event) => onText(event.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-disabled={!canCheck}>
            {checking ? t('admin.import.checking') : t('admin.import.check')}
          </button>
          {csv.trim() !== '' && <span className="muted">{t('admin.import.rowsInText', { count: rows })}</span>}
        </div>
      </form>
    </section>
  );
}
