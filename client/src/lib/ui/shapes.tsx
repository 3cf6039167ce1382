/** The drawn parts of the state icons, on a 20×20 view box: one tick, one warning, one busy ring. */

/** A filled circle with a white tick: done, fine. */
export function TickShape() {
  return (
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
  );
}

/** A filled triangle with a white "!": failed, needs attention. */
export function WarningShape() {
  return (
    <>
      <path d="M10 1.5 19 18H1z" fill="currentColor" strokeLinejoin="round" />
      <path d="M10 7v5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="10" cy="15" r="1.3" fill="#fff" />
    </>
  );
}

/** A faint ring with a quarter arc on it: busy (the arc turns where the style sheet says so). */
export function RingShape({ arcClassName }: { arcClassName?: string }) {
  return (
    <>
      <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2.5" />
      <path
        {...(arcClassName ? { className: arcClassName } : {})}
        d="M10 2.5a7.5 7.5 0 0 1 7.5 7.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    </>
  );
}
