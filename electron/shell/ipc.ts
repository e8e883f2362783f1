// The main side of the bridge: every call is checked for sender, method and input before the API.
import { apiMethods, isApiMethod } from '../../shared/api';
import { BerthError, toBerthError } from '../../shared/errors';
import type { ApiEvent, ApiResponse, ApiTransport } from '../../shared/rpc';
import { inputError } from '../api/input-error';
import { componentLogger } from '../logger';
import { eventChannel, invokeChannel } from './channels';
import type { IpcSenderEvent } from './trusted-sender';

export interface InvokeRegistry {
  handle(
    channel: string,
    listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<ApiResponse>,
  ): void;
  removeHandler(channel: string): void;
}

/** Where events go: the window's WebContents. */
export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, event: ApiEvent): void;
}

const log = componentLogger('shell');

/** Answers 'berth:invoke' through `api`; returns a function that stops answering. */
export function registerIpc(
  ipcMain: InvokeRegistry,
  api: ApiTransport,
  isTrustedSender: (event: IpcSenderEvent) => boolean,
): () => void {
  ipcMain.handle(invokeChannel, (event, method, input) =>
    answerInvoke(api, isTrustedSender, event, method, input),
  );
  return () => {
    ipcMain.removeHandler(invokeChannel);
  };
}

/**
 * One IPC call: a foreign sender, an unknown method or input the method's schema refuses is
 * answered with an error without reaching the API; the API's own answer is passed on otherwise.
 */
export async function answerInvoke(
  api: ApiTransport,
  isTrustedSender: (event: IpcSenderEvent) => boolean,
  event: IpcSenderEvent,
  method: unknown,
  input: unknown,
): Promise<ApiResponse> {
  if (!isTrustedSender(event)) {
    log.warn('Refused a call from a frame that is not Berth’s own page');
    return refuse(new BerthError('invalid-input', 'Berth only answers its own window.'));
  }

  if (!isApiMethod(method)) {
    return refuse(
      new BerthError('invalid-input', 'Berth has no such method.', { field: 'method' }),
    );
  }

  const checked = apiMethods[method].input.safeParse(input);
  if (!checked.success) return refuse(inputError(checked.error));

  try {
    // The raw input goes on: the API parses it again with the same schema and applies defaults.
    return await api.invoke(method, input);
  } catch (error) {
    const failure = toBerthError(error);
    log.error(
      { method, engineMessage: failure.engineMessage },
      'The API threw instead of answering',
    );
    return refuse(failure);
  }
}

/** Pushes every API event to `target` on 'berth:event' while it lives; returns the unsubscribe. */
export function forwardEvents(api: ApiTransport, target: EventSink): () => void {
  return api.subscribe((event) => {
    if (target.isDestroyed()) return;
    target.send(eventChannel, event);
  });
}

function refuse(error: BerthError): ApiResponse {
  return { ok: false, error: error.toInfo() };
}
