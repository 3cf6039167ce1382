import { createContext, useContext } from 'react';
import type { AppLocation } from './location';

export interface RouterValue {
  location: AppLocation;
  /** Goes to a path of this app without reloading the page. */
  navigate: (to: string, options?: { replace?: boolean }) => void;
  /** Counts navigations inside the app; 0 right after the page loaded. */
  navigations: number;
}

export const RouterContext = createContext<RouterValue | null>(null);

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter is used outside <RouterProvider>.');
  return value;
}

/** One query parameter of the current location. */
export function useQueryParam(name: string): string | undefined {
  const { location } = useRouter();
  return new URLSearchParams(location.search).get(name) ?? undefined;
}
