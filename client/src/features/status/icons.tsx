import { RingShape, TickShape, WarningShape } from '../../lib/ui/shapes';
import type { Tone } from './summary';

/** Decorative shapes next to state words: a circle with a tick, a triangle with "!", a ring. */
export function StateIcon({ tone }: { tone: Tone }) {
  return (
    <svg className={`state-icon state-icon--${tone}`} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {tone === 'ok' && <TickShape />}
      {tone === 'problem' && <WarningShape />}
      {tone === 'busy' && <RingShape arcClassName="state-icon__arc" />}
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
