/** Where the app is: path and query, as the router keeps them. */
export interface AppLocation {
  pathname: string;
  search: string;
}

/** The path without a trailing slash ("/" stays "/"), so "/admin/people/" finds its page. */
export function normalisePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** Splits "/a/b?x=1" into path and query; ignores a hash. */
export function parseTarget(to: string): AppLocation {
  const withoutHash = to.split('#', 1)[0] ?? '';
  const queryAt = withoutHash.indexOf('?');
  const pathname = queryAt < 0 ? withoutHash : withoutHash.slice(0, queryAt);
  const search = queryAt < 0 ? '' : withoutHash.slice(queryAt);
  return { pathname: normalisePath(pathname || '/'), search: search === '?' ? '' : search };
}

/** Builds "path?query" from the set values. */
export function withQuery(pathname: string, values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const query = params.toString();
  return query === '' ? pathname : `${pathname}?${query}`;
}

interface ClickLike {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}

/** A plain left click the router may take over; new-tab and download clicks stay the browser's. */
export function isPlainClick(event: ClickLike, target: string | null): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  return target === null || target === '' || target === '_self';
}

/** True when `pathname` is `section` or below it: "/admin/people/import" is in "/admin/people". */
export function isWithin(pathname: string, section: string): boolean {
  return pathname === section || pathname.startsWith(`${section}/`);
}
