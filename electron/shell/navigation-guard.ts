// Keeps every page of the app on Berth's own origin; instance links open in the system browser.
import { componentLogger } from '../logger';
import { isAppUrl } from './app-origin';

export interface PreventableEvent {
  preventDefault(): void;
}

/** A navigation about to happen, cancellable. */
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

/** The parts of a WebContents the guard hooks into. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export type OpenExternal = (url: string) => Promise<void>;

const log = componentLogger('shell');

/** True for an http(s) link without credentials: the only kind Berth hands to the system browser. */
export function isExternalLink(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Refuses navigation away from the app, redirects out of it, new windows and webviews; an http(s)
 * link the page tried to open goes to the system browser instead, anything else is dropped.
 */
export function guardNavigation(contents: GuardedContents, openExternal: OpenExternal): void {
  function openOutside(url: string): void {
    if (!isExternalLink(url)) {
      log.warn({ scheme: schemeOf(url) }, 'Refused to open a link that is not http(s)');
      return;
    }
    openExternal(url).catch((error: unknown) => {
      log.warn({ err: error }, 'The system browser did not open the link');
    });
  }

  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openOutside(event.url);
  });

  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ scheme: schemeOf(event.url) }, 'Refused a redirect away from the app');
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Refused to attach a webview');
  });

  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

function schemeOf(url: string): string {
  return URL.canParse(url) ? new URL(url).protocol : 'unparsable';
}
