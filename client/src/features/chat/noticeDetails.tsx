import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ApiClient } from '../../lib/api/client';
import { type DocumentEntry } from '@arbeitsbereich/contract';

/**
 * What the workspace's notices leave out of the chat: a shared document's name and kind, the
 * names of people in a meeting. The homeserver keeps the service's notices in clear, so they
 * carry ids; the chat loads the rest from the workspace, which answers only those who may see it.
 */
export interface NoticeDetails {
  entry(roomId: string, entryId: string): Promise<Pick<DocumentEntry, 'name' | 'kind'>>;
  /** Names of the room's members by person id; people no longer in the room are missing. */
  memberNames(roomId: string, personIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

const NoticeDetailsContext = createContext<NoticeDetails | undefined>(undefined);

/** Loads each entry once, and the room's members again only when a notice names someone unknown. */
function noticeDetailsFrom(api: ApiClient, tenantId: string): NoticeDetails {
  const entries = new Map<string, Promise<Pick<DocumentEntry, 'name' | 'kind'>>>();
  const members = new Map<string, Promise<ReadonlyMap<string, string>>>();
  const loadMembers = (roomId: string) => {
    const loaded = api
      .listRoomMembers(tenantId, roomId)
      .then((list) => new Map(list.map((m) => [m.personId, m.displayName])) as ReadonlyMap<string, string>);
    members.set(roomId, loaded);
    loaded.catch(() => members.delete(roomId));
    return loaded;
  };
  return {
    entry(roomId, entryId) {
      const key = `${roomId}/${entryId}`;
      let found = entries.get(key);
      if (!found) {
        found = api.documents.get(tenantId, roomId, entryId).then(({ name, kind }) => ({ name, kind }));
        entries.set(key, found);
        found.catch(() => entries.delete(key));
      }
      return found;
    },
    async memberNames(roomId, personIds) {
      const known = await (members.get(roomId) ?? loadMembers(roomId));
      return personIds.every((id) => known.has(id)) ? known : loadMembers(roomId);
    },
  };
}

export function NoticeDetailsProvider({
  api,
  tenantId,
  children,
}: {
  api: ApiClient | undefined;
  tenantId: string;
  children: ReactNode;
}) {
  const value = useMemo(() => (api ? noticeDetailsFrom(api, tenantId) : undefined), [api, tenantId]);
  return <NoticeDetailsContext.Provider value={value}>{children}</NoticeDetailsContext.Provider>;
}

export type Loaded<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed' };

/** The answer of one lookup of the notice details, while it loads and once it has. */
export function useNoticeDetail<T>(load: ((details: NoticeDetails) => Promise<T>) | undefined, key: string): Loaded<T> {
  const details = useContext(NoticeDetailsContext);
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (!load) return undefined;
    if (!details) {
      setLoaded({ state: 'failed' });
      return undefined;
    }
    let current = true;
    setLoaded({ state: 'loading' });
    load(details).then(
      (value) => current && setLoaded({ state: 'done', value }),
      () => current && setLoaded({ state: 'failed' }),
    );
    return () => {
      current = false;
    };
    // The key names what is loaded; the loader itself is a new function on every render.
  }, [details, key]);
  return loaded;
}
