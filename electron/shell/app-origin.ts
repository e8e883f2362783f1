// Where Berth's own pages live: a private app:// origin that nothing on the network can claim.

export const appScheme = 'app';
export const appHost = 'berth';
export const appOrigin = `${appScheme}://${appHost}`;

/** The page the window opens. */
export const appEntryUrl = `${appOrigin}/index.html`;

/** True only for a URL inside Berth's own origin (scheme and host match, no credentials or port). */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
