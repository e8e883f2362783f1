// Who may talk to browser mode: the origin check and the token check, shared by HTTP and WebSocket.
import type { IncomingMessage } from 'node:http';
import type { RequestTarget } from './request-target';
import { sessionValue, tokensMatch } from './token';

/** How a request proved it holds the token. */
export type Credential = 'bearer' | 'cookie' | 'query';

export type GuardVerdict =
  | { allowed: true; credential: Credential }
  | { allowed: false; status: 401 | 403; message: string };

export interface RequestGuard {
  /** The verdict for one request; a 'query' credential on a page asks for the sign-in redirect. */
  check(request: IncomingMessage, target: RequestTarget): GuardVerdict;
  /** The Set-Cookie header value that signs a browser in. */
  sessionCookie(): string;
}

export const signInMessage =
  'Sign in with the link Berth printed when it started, or send Authorization: Bearer <token>';

const queryOnWriteMessage =
  'Send the token in an Authorization: Bearer header; a token in the address is refused here';
const foreignOriginMessage = 'Berth refuses requests made by other sites';
const missingOriginMessage =
  'Berth refuses a signed-in browser request that does not say which page sent it';

const safeMethods = new Set(['GET', 'HEAD']);

function refuse(status: 401 | 403, message: string): GuardVerdict {
  return { allowed: false, status, message };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** A guard for one server: `authorities` are the host:port pairs that count as its own origin. */
export function createRequestGuard(options: {
  token: string;
  authorities: readonly string[];
  cookieName: string;
}): RequestGuard {
  const ownOrigins = new Set(options.authorities.map((authority) => `http://${authority}`));
  const session = sessionValue(options.token);

  function originVerdict(request: IncomingMessage): 'own' | 'none' | 'foreign' {
    const origin = request.headers.origin;
    if (origin === undefined) return 'none';
    return ownOrigins.has(origin.toLowerCase()) ? 'own' : 'foreign';
  }

  function credential(request: IncomingMessage, target: RequestTarget): GuardVerdict {
    const method = request.method ?? 'GET';
    const fromQuery = target.query.get('token');
    if (fromQuery !== null) {
      // A token in a URL ends up in history and logs; it is only the one-time sign-in of a GET.
      if (method !== 'GET') return refuse(401, queryOnWriteMessage);
      return tokensMatch(options.token, fromQuery)
        ? { allowed: true, credential: 'query' }
        : refuse(401, signInMessage);
    }

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer +(\S+) *$/i.exec(authorization);
      return match?.[1] !== undefined && tokensMatch(options.token, match[1])
        ? { allowed: true, credential: 'bearer' }
        : refuse(401, signInMessage);
    }

    const cookie = cookieValue(request.headers.cookie, options.cookieName);
    if (cookie !== undefined && tokensMatch(session, cookie)) {
      return { allowed: true, credential: 'cookie' };
    }
    return refuse(401, signInMessage);
  }

  return {
    check(request, target) {
      const origin = originVerdict(request);
      if (origin === 'foreign') return refuse(403, foreignOriginMessage);

      const verdict = credential(request, target);
      // The browser sends the cookie on its own; a state change must also show it came from Berth's page.
      if (
        verdict.allowed &&
        verdict.credential === 'cookie' &&
        !safeMethods.has(request.method ?? 'GET') &&
        origin !== 'own'
      ) {
        return refuse(403, missingOriginMessage);
      }
      return verdict;
    },

    sessionCookie() {
      return `${options.cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict`;
    },
  };
}
