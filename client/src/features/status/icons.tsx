import type { Tone } from './summary';

/** Decorative shapes next to state words: a circle with a tick, a triangle with "!", a ring. */
export function StateIcon({ tone }: { tone: Tone }) {
  return (
    <svg className={`state-icon state-icon--${tone}`} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {tone === 'ok' && (
        <>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path
            d="m5.5 10.2 3 3 6-6.4"
            fill="none"
            stroke="#fff"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
      {tone === 'problem' && (
        <>
          <path d="M10 1.5 19 18H1z" fill="currentColor" strokeLinejoin="round" />
          <path d="M10 7v5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="10" cy="15" r="1.3" fill="#fff" />
        </>
      )}
      {tone === 'busy' && (
        <>
          <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2.5" />
          <path
            className="state-icon__arc"
            d="M10 2.5a7.5 7.5 0 0 1 7.5 7.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.5"
            strokeLinecap="round"
          />
        </>
      )}
    </svg>
  );
}

export function RefreshIcon() {
  return (
    <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d="M16 10a6 6 0 1 1-1.8-4.3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <path
        d="M15.5 2.5v4h-4"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
