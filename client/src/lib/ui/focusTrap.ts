/** What can take focus by Tab inside a container (a closed `<details>`' content and hidden parts excluded by the caller). */
export const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Where Tab (or Shift+Tab) goes inside a trap of `items`, from the element that has focus.
 * Undefined when the browser's own move stays inside (the default is kept); otherwise the
 * element to focus: past the last one Tab wraps to the first, before the first Shift+Tab
 * wraps to the last, and from outside the trap focus returns to its first (or last) element.
 */
export function trapTarget<T>(items: readonly T[], active: T | null, backwards: boolean): T | undefined {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const at = active === null ? -1 : items.indexOf(active);
  if (at === -1) return backwards ? last : first;
  if (backwards && at === 0) return last;
  if (!backwards && at === items.length - 1) return first;
  return undefined;
}

/** The elements of `root` Tab visits, in document order, without the ones that are not shown. */
export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.getClientRects().length > 0 && !element.closest('[hidden], [inert]'),
  );
}
