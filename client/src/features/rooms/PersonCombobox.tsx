import { type Person } from '@arbeitsbereich/contract';
import { type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextActive, personOption } from './personMatch';

interface Props {
  id: string;
  label: string;
  hint: string;
  error?: string | undefined;
  /** The people that match `query`, already filtered. */
  options: Person[];
  query: string;
  onQuery: (query: string) => void;
  selected: Person | null;
  onSelect: (person: Person | null) => void;
}

/**
 * A searchable choice of one person (ARIA combobox with a list box): type to filter,
 * ↓/↑ to move, Enter to choose, Escape to close or clear. The number of matches is
 * announced politely.
 */
export function PersonCombobox({ id, label, hint, error, options, query, onQuery, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const optionId = (index: number) => `${listId}-option-${index}`;
  const shown = open && query.trim() !== '' && selected === null;

  const choose = (person: Person) => {
    onSelect(person);
    onQuery(personOption(person));
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        setOpen(true);
        setActive((current) => nextActive(current, options.length, event.key === 'ArrowDown' ? 1 : -1));
        break;
      }
      case 'Enter': {
        const person = shown ? options[active] : undefined;
        if (person) {
          event.preventDefault();
          choose(person);
        }
        break;
      }
      case 'Escape': {
        if (shown) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setActive(-1);
        } else if (query !== '') {
          event.preventDefault();
          event.stopPropagation();
          onQuery('');
          onSelect(null);
        }
        break;
      }
      default:
        break;
    }
  };

  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <div className={`field combobox${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        name="person"
        className="field__control"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        value={query}
        onChange={(event) => {
          onQuery(event.target.value);
          onSelect(null);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      <p id={hintId} className="field__hint">
        {hint}
      </p>
      <ul id={listId} role="listbox" aria-label={label} className="combobox__list" hidden={!shown}>
        {shown &&
          options.map((person, index) => (
            <li
              key={person.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="combobox__option"
              // Keeps focus in the input, so the click chooses instead of closing the list first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(person)}
            >
              {personOption(person)}
            </li>
          ))}
      </ul>
      <p className="visually-hidden" role="status">
        {shown
          ? options.length === 0
            ? t('rooms.settings.add.noMatch')
            : t('rooms.settings.add.matches', { count: options.length })
          : ''}
      </p>
      {shown && options.length === 0 && (
        <p className="field__hint" aria-hidden="true">
          {t('rooms.settings.add.noMatch')}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
