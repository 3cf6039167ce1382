import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { RouterContext, type RouterValue } from './context';
import { type AppLocation, parseTarget } from './location';

function browserLocation(): AppLocation {
  return parseTarget(`${window.location.pathname}${window.location.search}`);
}

/** A small router on the History API: pushState on navigation, popstate for back and forward. */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState({ location: browserLocation(), navigations: 0 });

  useEffect(() => {
    const onPopState = () =>
      setState((previous) => ({ location: browserLocation(), navigations: previous.navigations + 1 }));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((to: string, options?: { replace?: boolean }) => {
    const target = parseTarget(to);
    const url = `${target.pathname}${target.search}`;
    if (options?.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setState((previous) => ({ location: target, navigations: previous.navigations + 1 }));
    window.scrollTo(0, 0);
  }, []);

  const value = useMemo<RouterValue>(
    () => ({ location: state.location, navigations: state.navigations, navigate }),
    [state, navigate],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}
