// Turns whatever dockerode, Node's sockets or TLS throw into a BerthError an operator can act on.
import { BerthError } from '../../shared/errors';
import type { ErrorKind } from '../../shared/errors';
import { diagnoseTls } from './tls-errors';

/** What the failed call was about, so the safe message can speak the operator's words. */
export interface EngineErrorContext {
  /** Audit action such as 'container.start'. */
  action: string;
  /** The name or id the call was about. */
  target: string;
  hostName?: string;
  /** True when the connection is TLS, where a hang-up usually means a refused client certificate. */
  secure?: boolean;
  /** False when the TLS connection presents no client certificate; true when not told. */
  clientCertificate?: boolean;
}

interface ErrorFacts {
  statusCode: number | undefined;
  code: string;
  name: string;
  /** The engine's own text (or the socket/TLS error text): for the audit log only. */
  text: string;
  causeName: string;
}

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'EPERM',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOTSOCK',
]);

const timeoutCodes = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Classifies any engine-call failure into a BerthError with a safe message and the engine's text kept apart. */
export function classifyEngineError(error: unknown, context: EngineErrorContext): BerthError {
  if (error instanceof BerthError) return error;

  const facts = factsOf(error);
  const make = (kind: ErrorKind, message: string): BerthError =>
    new BerthError(kind, message, {
      engineMessage: facts.text,
      ...(facts.statusCode === undefined ? {} : { statusCode: facts.statusCode }),
      cause: error,
    });

  return (
    abortError(facts, context, make) ??
    tlsError(facts, context, make) ??
    socketError(facts, context, make) ??
    httpError(facts, context, make) ??
    make('engine', `${hostWords(context).subject} failed to ${verbOf(context)}.`)
  );
}

/** The engine's own words from a dockerode error: its JSON body's message, whatever shape the body came in. */
export function engineTextOf(error: unknown): string {
  return factsOf(error).text;
}

type Make = (kind: ErrorKind, message: string) => BerthError;

function abortError(facts: ErrorFacts, context: EngineErrorContext, make: Make): BerthError | null {
  const aborted = facts.name === 'AbortError' || facts.code === 'ABORT_ERR';
  const timedOut =
    timeoutCodes.has(facts.code) ||
    facts.name === 'TimeoutError' ||
    (aborted && facts.causeName === 'TimeoutError');
  if (timedOut) {
    return make(
      'timeout',
      `${hostWords(context).subject} did not answer in time to ${verbOf(context)}.`,
    );
  }
  if (aborted) return make('cancelled', `The request to ${verbOf(context)} was cancelled.`);
  return null;
}

function tlsError(facts: ErrorFacts, context: EngineErrorContext, make: Make): BerthError | null {
  const diagnosis = diagnoseTls(
    facts.code,
    facts.text,
    context.hostName,
    context.secure,
    context.clientCertificate,
  );
  return diagnosis === null ? null : make('tls', diagnosis);
}

function socketError(
  facts: ErrorFacts,
  context: EngineErrorContext,
  make: Make,
): BerthError | null {
  if (!unreachableCodes.has(facts.code) || facts.statusCode !== undefined) return null;
  const host = hostWords(context).subject;
  switch (facts.code) {
    case 'ENOENT':
      return make(
        'unreachable',
        `${host} has no Docker socket at the configured path; is Docker running?`,
      );
    case 'EACCES':
    case 'EPERM':
      return make(
        'unreachable',
        `Berth may not open the Docker socket of ${host}; give this user access to it (for example the docker group).`,
      );
    case 'ECONNREFUSED':
      return make(
        'unreachable',
        `${host} refused the connection; is Docker running and listening there?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make('unreachable', `The address of ${host} cannot be resolved; check the host name.`);
    default:
      return make('unreachable', `${host} cannot be reached; check the network and the address.`);
  }
}

function httpError(facts: ErrorFacts, context: EngineErrorContext, make: Make): BerthError | null {
  if (facts.statusCode === undefined) return null;
  const text = facts.text.toLowerCase();
  const what = subjectOf(context, text);
  const { where } = hostWords(context);

  const port = portInUse(facts.text);
  if (port !== null) {
    return make(
      'port-in-use',
      port === 0
        ? `A requested port is already in use${where}.`
        : `Port ${port} is already in use${where}.`,
    );
  }

  if (text.includes('rootfs is marked read-only')) {
    return make(
      'invalid-input',
      `Container ${context.target} has a read-only root filesystem${where}; files cannot be put into it.`,
    );
  }
  if (text.includes('oci runtime') || text.includes('starting container process')) {
    return make(
      'engine',
      `Container ${context.target} could not start${where}; its command or settings failed (the audit log has the engine's reason).`,
    );
  }

  switch (facts.statusCode) {
    case 304:
      return make(
        'already-in-state',
        `${capitalise(what)} is already ${stateWord(context)}${where}.`,
      );
    case 404:
      return make(
        'not-found',
        `${capitalise(missingSubject(facts.text) ?? what)} was not found${where}.`,
      );
    case 409:
      if (text.includes('removal') && text.includes('in progress')) {
        return make('already-in-state', `${capitalise(what)} is already being removed${where}.`);
      }
      if (text.includes('already in use')) {
        const name = /name "\/?([^"]+)"/.exec(facts.text)?.[1] ?? context.target;
        return make('conflict', `Container name ${name} is already in use${where}.`);
      }
      if (text.includes('is not running') || text.includes('is paused')) {
        return make('conflict', `${capitalise(what)} is not running${where}.`);
      }
      return make(
        'conflict',
        `${capitalise(what)} is in use or in a state that does not allow this${where}.`,
      );
    case 400:
      return make(
        'invalid-input',
        `The engine${where} rejected the request to ${verbOf(context)}; the audit log has its reason.`,
      );
    case 401:
    case 403:
      return make('engine', `The engine${where} does not allow Berth to ${verbOf(context)}.`);
    default:
      if (text.includes('is not running')) {
        return make('conflict', `${capitalise(what)} is not running${where}.`);
      }
      return make(
        'engine',
        `The engine${where} failed to ${verbOf(context)}; the audit log has its reason.`,
      );
  }
}

/** The host port named in an "already allocated / in use" answer; 0 when the text names none. */
function portInUse(text: string): number | null {
  const lower = text.toLowerCase();
  if (!lower.includes('port is already allocated') && !lower.includes('address already in use')) {
    return null;
  }
  const match =
    /bind for [^\s]*:(\d+) failed/i.exec(text) ??
    /listen (?:tcp|udp|sctp)[46]? [^\s]*:(\d+)/i.exec(text) ??
    /:(\d+)[^\d]*(?:port is already allocated|address already in use)/i.exec(text);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

function factsOf(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return { statusCode: undefined, code: '', name: '', text: String(error), causeName: '' };
  }
  const record = error as Record<string, unknown>;
  const statusCode = typeof record.statusCode === 'number' ? record.statusCode : undefined;
  const code = typeof record.code === 'string' ? record.code : '';
  const name = typeof record.name === 'string' ? record.name : '';
  const cause = record.cause;
  const causeName =
    typeof cause === 'object' &&
    cause !== null &&
    typeof (cause as { name?: unknown }).name === 'string'
      ? (cause as { name: string }).name
      : '';
  const message = typeof record.message === 'string' ? record.message : '';
  const bodyText = statusCode === undefined ? null : bodyMessage(record.json);
  return { statusCode, code, name, causeName, text: (bodyText ?? message).trim() };
}

/** The `message` of an engine error body that may arrive as an object, a JSON string, a Buffer or nothing. */
function bodyMessage(json: unknown): string | null {
  if (json === null || json === undefined) return null;
  if (Buffer.isBuffer(json) || json instanceof Uint8Array) {
    return bodyMessage(Buffer.from(json).toString('utf8'));
  }
  if (typeof json === 'string') {
    const text = json.trim();
    if (text === '') return null;
    if (text.startsWith('{')) {
      const parsed = parseJson(text);
      if (parsed !== undefined) return bodyMessage(parsed) ?? text;
    }
    return text;
  }
  if (typeof json === 'object') {
    const body = json as Record<string, unknown>;
    if (typeof body.message === 'string') return body.message;
    if (typeof body.error === 'string') return body.error;
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** "image x:latest" from the engine's "No such image: x:latest" (a create names the image, not the container). */
function missingSubject(text: string): string | null {
  const match = /no such (image|container): ?([^\s,]+)/i.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  return `${match[1].toLowerCase()} ${match[2].replace(/[:.]+$/, '')}`;
}

function subjectOf(context: EngineErrorContext, lowerText: string): string {
  if (lowerText.includes('no such image') || context.action.startsWith('image.')) {
    return `image ${context.target}`;
  }
  if (lowerText.includes('no such exec')) return 'the command session';
  if (context.action.startsWith('service.')) return `service ${context.target}`;
  if (context.action.startsWith('secret.')) return `secret ${context.target}`;
  if (context.action.startsWith('network.')) return `network ${context.target}`;
  return `container ${context.target}`;
}

function stateWord(context: EngineErrorContext): string {
  if (context.action.endsWith('.stop')) return 'stopped';
  if (context.action.endsWith('.start') || context.action.endsWith('.restart')) return 'running';
  return 'in that state';
}

const engineVerbs: Record<string, string> = {
  ping: 'answer a ping',
  version: 'report its version',
  info: 'describe itself',
  events: 'stream its events',
};

const verbs: Record<string, string> = {
  'put-file': 'put files into',
  logs: 'read the logs of',
  exec: 'run a command in',
  stats: 'read the usage of',
};

/** "start container berth-x" from 'container.start' and the target. */
function verbOf(context: EngineErrorContext): string {
  const [noun = 'engine', verb = 'call'] = context.action.split('.');
  if (noun === 'engine') return engineVerbs[verb] ?? verb;
  if (verb === 'list' || verb === 'events') return `${verb} ${noun}s`;
  return `${verbs[verb] ?? verb} ${noun} ${context.target}`;
}

/** The host as the subject of a sentence, and as a trailing "on lab-2". */
function hostWords(context: EngineErrorContext): { subject: string; where: string } {
  return context.hostName === undefined
    ? { subject: 'The engine', where: '' }
    : { subject: context.hostName, where: ` on ${context.hostName}` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
