// POST /api/<method>: the JSON body in, the dispatcher's ApiResponse out, with a status from its kind.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { isBerthError } from '../../shared/errors';
import type { Api } from '../api/create-api';
import type { Credential } from './request-guard';
import { readBody } from './read-body';
import { sendError, sendJsonText, statusFor } from './responses';

export interface ApiRouteOptions {
  api: Pick<Api, 'invokeAs'>;
  bodyLimit: number;
  log: Logger;
}

const internalMessage = 'Something went wrong inside Berth; the details are in the log.';

function isJsonType(header: string | undefined): boolean {
  if (header === undefined) return true;
  const media = header.split(';')[0]?.trim().toLowerCase();
  return media === 'application/json';
}

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

// After refusing a body it did not read, the connection cannot carry another request.
function closeAfter(response: ServerResponse): void {
  response.once('finish', () => {
    response.socket?.destroy();
  });
}

/** Answers one API call; `method` is the decoded path after /api/. Never throws. */
export async function handleApiCall(
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  credential: Credential,
  options: ApiRouteOptions,
): Promise<void> {
  if (request.method !== 'POST') {
    sendError(
      response,
      405,
      { kind: 'invalid-input', message: 'Call API methods with POST and a JSON body' },
      { Allow: 'POST' },
    );
    return;
  }

  if (!isJsonType(request.headers['content-type'])) {
    closeAfter(response);
    sendError(
      response,
      415,
      { kind: 'invalid-input', message: 'Send the body as application/json' },
      { Connection: 'close' },
    );
    return;
  }

  let body: Buffer;
  try {
    body = await readBody(request, options.bodyLimit);
  } catch (error) {
    if (isBerthError(error, 'limit')) {
      closeAfter(response);
      sendError(response, 413, error.toInfo(), { Connection: 'close' });
    } else {
      // The client went away mid-upload; there is no one to answer.
      response.destroy();
    }
    return;
  }

  const parsed = parseJson(body);
  if (!parsed.ok) {
    sendError(response, 400, { kind: 'invalid-input', message: 'The body is not valid JSON' });
    return;
  }

  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  const actor = `${credential === 'bearer' ? 'script' : 'browser'}:${request.socket.remoteAddress ?? 'unknown'}`;
  const answer = await options.api.invokeAs(actor, method, parsed.value, controller.signal);

  let text: string;
  try {
    text = JSON.stringify(answer);
  } catch (error) {
    options.log.error({ method, err: error }, 'A method result could not be sent as JSON');
    sendError(response, 500, { kind: 'internal', message: internalMessage });
    return;
  }
  if (!response.destroyed) sendJsonText(response, statusFor(answer), text);
}
