// Deny-by-default session policy: permissions, device access and certificate errors.
import { componentLogger } from '../logger';
import { isAppUrl } from './app-origin';
import type { PreventableEvent } from './navigation-guard';

/** The parts of a Session the policy sets. */
export interface PolicySession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

export type CertificateErrorListener = (
  event: PreventableEvent,
  webContents: unknown,
  url: string,
  error: string,
  certificate: unknown,
  callback: (isTrusted: boolean) => void,
) => void;

export interface CertificateErrorSource {
  on(event: 'certificate-error', listener: CertificateErrorListener): unknown;
}

const log = componentLogger('shell');

// Copy buttons (connection links, revealed flags) write to the clipboard; nothing else is needed.
const grantedToApp = new Set(['clipboard-sanitized-write']);

/** True when Berth's own page asks for a permission it needs; every other request is refused. */
export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return grantedToApp.has(permission) && isAppUrl(requestingUrl);
}

/** Denies every permission request and check (clipboard writing by Berth's own page aside) and all device access. */
export function installSecurityPolicy(session: PolicySession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl ?? '');
    if (!granted) log.info({ permission }, 'Refused a permission request');
    callback(granted);
  });

  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );

  session.setDevicePermissionHandler(() => false);
}

/** Refuses every certificate the system does not trust, for every page, instead of asking. */
export function refuseCertificateErrors(app: CertificateErrorSource): void {
  app.on('certificate-error', (event, _contents, url, error, _certificate, callback) => {
    event.preventDefault();
    log.warn({ origin: originOf(url), error }, 'Refused a certificate the system does not trust');
    callback(false);
  });
}

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : 'unparsable';
}
