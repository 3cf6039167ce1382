const NOTICES: Record<string, string> = {
  denied: 'home.signInNotice.denied',
  failed: 'home.signInNotice.failed',
  unavailable: 'home.signInNotice.unavailable',
};

/** The server sends the browser to "/?signin=<reason>" when a sign-in did not work. */
export function signInNotice(reason: string | undefined): string | undefined {
  return reason === undefined ? undefined : NOTICES[reason];
}
