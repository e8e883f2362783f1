import { describe, expect, it, vi } from 'vitest';
import { guardNavigation, isExternalLink } from '../../../electron/shell/navigation-guard';
import { FakeContents, FakeEvent } from './fakes';

function guarded(): { contents: FakeContents; opened: string[] } {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardNavigation(contents, (url) => {
    opened.push(url);
    return Promise.resolve();
  });
  return { contents, opened };
}

function navigate(contents: FakeContents, url: string): FakeEvent {
  const event = new FakeEvent(url);
  contents.emit('will-navigate', event);
  return event;
}

function openWindow(contents: FakeContents, url: string): { action: 'deny' } | undefined {
  return contents.windowOpenHandler?.({ url });
}

describe("Berth's navigation policy", () => {
  it('lets the page move within its own app://berth origin', () => {
    const { contents, opened } = guarded();

    expect(navigate(contents, 'app://berth/index.html').prevented).toBe(false);
    expect(opened).toEqual([]);
  });

  it('refuses navigation to a web page and opens that link in the system browser instead', () => {
    const { contents, opened } = guarded();

    expect(navigate(contents, 'http://127.0.0.1:31337/').prevented).toBe(true);
    expect(navigate(contents, 'https://lab-2.example:8443/login').prevented).toBe(true);
    expect(opened).toEqual(['http://127.0.0.1:31337/', 'https://lab-2.example:8443/login']);
  });

  it('refuses navigation to file:, other custom schemes and look-alike hosts, opening nothing', () => {
    const { contents, opened } = guarded();

    for (const url of [
      'file:///etc/passwd',
      'app://evil/index.html',
      'javascript:alert(1)',
      'ms-settings:privacy',
    ]) {
      expect(navigate(contents, url).prevented, url).toBe(true);
    }
    expect(opened).toEqual([]);
  });

  it('denies every new window, handing http(s) instance links to the system browser', () => {
    const { contents, opened } = guarded();

    expect(openWindow(contents, 'http://127.0.0.1:31337/')).toEqual({ action: 'deny' });
    expect(openWindow(contents, 'app://berth/index.html')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['http://127.0.0.1:31337/']);
  });

  it('opens nothing for window.open of file:, javascript:, custom schemes or links with credentials', () => {
    const { contents, opened } = guarded();

    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://share/x',
      'http://user:pass@127.0.0.1:8080/',
      'not a url',
    ]) {
      expect(openWindow(contents, url), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([]);
  });

  it('refuses redirects that leave the app, without opening them', () => {
    const { contents, opened } = guarded();
    const event = new FakeEvent('https://example.com/');
    contents.emit('will-redirect', event);

    expect(event.prevented).toBe(true);
    expect(opened).toEqual([]);
  });

  it('never attaches a webview', () => {
    const { contents } = guarded();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event);

    expect(event.prevented).toBe(true);
  });

  it('keeps going when the system browser fails to open a link', async () => {
    const contents = new FakeContents();
    const openExternal = vi.fn(() => Promise.reject(new Error('no browser')));
    guardNavigation(contents, openExternal);

    expect(openWindow(contents, 'http://127.0.0.1:8080/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => {
      expect(openExternal).toHaveBeenCalledTimes(1);
    });
  });

  it('counts only http and https links without credentials as external', () => {
    expect(isExternalLink('http://10.0.0.5:30001/')).toBe(true);
    expect(isExternalLink('https://ctf.example/')).toBe(true);
    expect(isExternalLink('file:///tmp/x')).toBe(false);
    expect(isExternalLink('https://a:b@ctf.example/')).toBe(false);
    expect(isExternalLink('//ctf.example/')).toBe(false);
  });
});
