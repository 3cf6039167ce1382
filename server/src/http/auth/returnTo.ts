/**
 * Where to send the browser after sign-in: a relative path on our own origin.
 * Anything else (absolute URLs, protocol-relative `//host`, backslash tricks,
 * control characters, paths under /auth/) becomes `/`, so the sign-in can
 * never be used as an open redirect.
 */
export function safeReturnTo(value: unknown, publicUrl: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, `${publicUrl}/`);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(publicUrl).origin) return '/';
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The UI language for the provider's pages, from `?lang=`; only languages we offer. */
export function uiLocale(value: unknown): 'de' | 'en' | undefined {
  return value === 'de' || value === 'en' ? value : undefined;
}
