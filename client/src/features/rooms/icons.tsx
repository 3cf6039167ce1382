/* Small inline icons; each is decorative (aria-hidden) and paired with a word for screen readers. */

export function LockIcon() {
  return (
    <svg className="room-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
      <path d="M5.25 7V5a2.75 2.75 0 0 1 5.5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

export function PendingIcon() {
  return (
    <svg className="room-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function FailedIcon() {
  return (
    <svg className="room-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.25 15.25 14.5H.75z" fill="currentColor" />
      <path d="M8 5.75v4" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="8" cy="12.1" r="1" fill="#fff" />
    </svg>
  );
}

export function PlusIcon() {
  return (
    <svg className="room-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 2.5v11M2.5 8h11" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
