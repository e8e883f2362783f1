import { describe, expect, it } from 'vitest';
import type {
  CertificateErrorListener,
  PolicySession,
} from '../../../electron/shell/security-policy';
import {
  installSecurityPolicy,
  refuseCertificateErrors,
} from '../../../electron/shell/security-policy';
import { FakeEvent } from './fakes';

type RequestHandler = Parameters<PolicySession['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PolicySession['setPermissionCheckHandler']>[0];

function policy(): { request: RequestHandler; check: CheckHandler; device: () => boolean } {
  const set: { request?: RequestHandler; check?: CheckHandler; device?: () => boolean } = {};
  installSecurityPolicy({
    setPermissionRequestHandler: (handler) => (set.request = handler),
    setPermissionCheckHandler: (handler) => (set.check = handler),
    setDevicePermissionHandler: (handler) => (set.device = handler),
  });
  const { request, check, device } = set;
  if (!request || !check || !device) throw new Error('the policy left a handler unset');
  return { request, check, device };
}

function ask(request: RequestHandler, permission: string, requestingUrl: string): boolean {
  const answers: boolean[] = [];
  request(null, permission, (answer) => answers.push(answer), { requestingUrl });
  expect(answers).toHaveLength(1);
  return answers[0] === true;
}

const everyOtherPermission = [
  'media',
  'geolocation',
  'notifications',
  'midiSysex',
  'pointerLock',
  'fullscreen',
  'openExternal',
  'clipboard-read',
  'display-capture',
  'window-management',
  'fileSystem',
  'unknown',
];

describe("Berth's session policy", () => {
  it('denies permission requests, even from its own page', () => {
    const { request } = policy();

    for (const permission of everyOtherPermission) {
      expect(ask(request, permission, 'app://berth/index.html'), permission).toBe(false);
    }
  });

  it('denies permission checks, even from its own page', () => {
    const { check } = policy();

    for (const permission of everyOtherPermission) {
      expect(check(null, permission, 'app://berth'), permission).toBe(false);
    }
  });

  it('lets only its own page write to the clipboard (copy buttons), never read it', () => {
    const { request, check } = policy();

    expect(ask(request, 'clipboard-sanitized-write', 'app://berth/index.html')).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'app://berth')).toBe(true);
    expect(ask(request, 'clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'https://example.com')).toBe(false);
    expect(ask(request, 'clipboard-read', 'app://berth/index.html')).toBe(false);
  });

  it('denies access to USB, HID and serial devices', () => {
    expect(policy().device()).toBe(false);
  });

  it('refuses a certificate the system does not trust instead of accepting it', () => {
    const listeners: CertificateErrorListener[] = [];
    refuseCertificateErrors({ on: (_name, handler) => listeners.push(handler) });
    expect(listeners).toHaveLength(1);

    const answers: boolean[] = [];
    const event = new FakeEvent();
    listeners[0]?.(
      event,
      null,
      'https://self-signed.example/',
      'net::ERR_CERT_AUTHORITY_INVALID',
      null,
      (trusted) => answers.push(trusted),
    );
    expect(answers).toEqual([false]);
  });
});
