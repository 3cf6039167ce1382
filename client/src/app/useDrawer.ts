import { type RefObject, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useRouter } from '../lib/router/context';
import { focusablesIn, trapTarget } from '../lib/ui/focusTrap';

/** Below this width the navigation is a drawer; the same query as the stylesheets' (shell.css). */
export const NARROW_QUERY = '(width < 48rem)';

export interface Drawer {
  open: boolean;
  id: string;
  buttonRef: RefObject<HTMLButtonElement | null>;
  drawerRef: RefObject<HTMLDivElement | null>;
  toggle: () => void;
  /** Closes the drawer; focus stays where it is (a followed link moves it to the new page). */
  close: () => void;
  /** Closes the drawer and gives focus back to the menu button. */
  dismiss: () => void;
}

/**
 * The navigation as a drawer on a narrow screen: the menu button opens it and focus moves to
 * its first control; while it is open Tab and Shift+Tab stay inside, Escape closes it and
 * focus goes back to the button. It closes after a navigation (the new page takes focus) and
 * when the window grows wide, where the navigation is a column again.
 */
export function useDrawer(): Drawer {
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const drawerRef = useRef<HTMLDivElement>(null);
  const { location } = useRouter();

  // Set by `dismiss`: the button takes focus once the page behind the drawer is reachable again.
  const returnFocus = useRef(false);
  const dismiss = useCallback(() => {
    returnFocus.current = true;
    setOpen(false);
  }, []);
  useEffect(() => {
    if (open || !returnFocus.current) return;
    returnFocus.current = false;
    buttonRef.current?.focus();
  }, [open]);
  const toggle = useCallback(() => setOpen((value) => !value), []);
  const close = useCallback(() => setOpen(false), []);

  // A navigation closes it; the page it leads to moves focus itself.
  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    const narrow = window.matchMedia(NARROW_QUERY);
    const onChange = () => {
      if (!narrow.matches) setOpen(false);
    };
    narrow.addEventListener('change', onChange);
    return () => narrow.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const drawer = drawerRef.current;
    if (!open || !drawer) return undefined;
    focusablesIn(drawer)[0]?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog opened from the drawer (a new room) handles its own keys.
      if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        dismiss();
        return;
      }
      if (event.key !== 'Tab') return;
      const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const target = trapTarget(focusablesIn(drawer), active, event.shiftKey);
      if (target) {
        event.preventDefault();
        target.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open, dismiss]);

  return { open, id, buttonRef, drawerRef, toggle, close, dismiss };
}
