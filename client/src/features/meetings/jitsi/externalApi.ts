/*
 * The part of Jitsi Meet's IFrame API this client uses. The deployment serves the API itself
 * at https://<domain>/external_api.js; nothing of Jitsi is bundled or fetched from elsewhere.
 */

/** Events of the embedded meeting this client listens to. */
export type JitsiEvent = 'videoConferenceJoined' | 'videoConferenceLeft' | 'readyToClose';

export interface JitsiOptions {
  roomName: string;
  jwt: string;
  parentNode: HTMLElement;
  lang: 'de' | 'en';
  width: string;
  height: string;
  configOverwrite: { prejoinConfig: { enabled: boolean }; readOnlyName?: boolean };
  userInfo: { displayName: string };
}

export interface JitsiMeetExternalApi {
  addListener(event: JitsiEvent, listener: () => void): void;
  executeCommand(command: 'hangup'): void;
  dispose(): void;
}

export type JitsiMeetExternalApiConstructor = new (domain: string, options: JitsiOptions) => JitsiMeetExternalApi;

declare global {
  interface Window {
    JitsiMeetExternalAPI?: JitsiMeetExternalApiConstructor;
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where a configured deployment lives. A domain may carry its scheme ("http://localhost:8443");
 * without one it is https, except for a local address, which is http.
 */
export function jitsiOrigin(domain: string): { host: string; origin: string } {
  const trimmed = domain.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : undefined;
  if (withScheme) {
    const url = new URL(withScheme);
    return { host: url.host, origin: url.origin };
  }
  const hostname = trimmed.replace(/:\d+$/, '').toLowerCase();
  const scheme = LOCAL_HOSTS.has(hostname) ? 'http' : 'https';
  const url = new URL(`${scheme}://${trimmed}`);
  return { host: url.host, origin: url.origin };
}

/** The deployment's IFrame API script. */
export function externalApiUrl(domain: string): string {
  return `${jitsiOrigin(domain).origin}/external_api.js`;
}

const loading = new Map<string, Promise<JitsiMeetExternalApiConstructor>>();

/** Loads the deployment's external_api.js once (one script element per address). */
export function loadExternalApi(domain: string): Promise<JitsiMeetExternalApiConstructor> {
  const src = externalApiUrl(domain);
  const known = loading.get(src);
  if (known) return known;
  const promise = new Promise<JitsiMeetExternalApiConstructor>((resolve, reject) => {
    const ready = () => {
      const api = window.JitsiMeetExternalAPI;
      if (api) resolve(api);
      else reject(new Error(`${src} did not define JitsiMeetExternalAPI`));
    };
    const existing = document.querySelector<HTMLScriptElement>(`script[data-jitsi-api="${CSS.escape(src)}"]`);
    if (existing && window.JitsiMeetExternalAPI) {
      ready();
      return;
    }
    const script = existing ?? document.createElement('script');
    script.addEventListener('load', ready, { once: true });
    script.addEventListener(
      'error',
      () => {
        loading.delete(src);
        script.remove();
        reject(new Error(`${src} could not be loaded`));
      },
      { once: true },
    );
    if (!existing) {
      script.src = src;
      script.async = true;
      script.dataset.jitsiApi = src;
      document.head.append(script);
    }
  });
  loading.set(src, promise);
  return promise;
}
