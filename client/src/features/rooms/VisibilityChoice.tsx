import { roomVisibilities, type RoomVisibility } from '@arbeitsbereich/contract';
import { useTranslation } from 'react-i18next';

/** Offen / privat as two radio buttons, each with what it means. */
export function VisibilityChoice({
  idPrefix,
  legend,
  value,
  onChange,
}: {
  idPrefix: string;
  legend: string;
  value: RoomVisibility;
  onChange: (value: RoomVisibility) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="form__group room-visibility">
      <legend>{legend}</legend>
      {roomVisibilities.map((option) => (
        <div key={option} className="room-visibility__option">
          <input
            type="radio"
            id={`${idPrefix}-${option}`}
            name="visibility"
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
            aria-describedby={`${idPrefix}-${option}-hint`}
          />
          <label htmlFor={`${idPrefix}-${option}`}>{t(`rooms.visibility.${option}`)}</label>
          <p id={`${idPrefix}-${option}-hint`} className="field__hint">
            {t(`rooms.visibility.${option}Hint`)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
