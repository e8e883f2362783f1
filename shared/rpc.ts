// The shape of every call and event between the renderer and the main process, whatever the transport.
import type { ErrorInfo } from './errors';

/** A method's answer: its result, or a typed error that is safe to show. */
export type ApiResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorInfo };

/** Something that happened on the main side, pushed to every subscriber. */
export interface ApiEvent<T = unknown> {
  type: string;
  payload: T;
}

export type ApiEventListener = (event: ApiEvent) => void;

/** What both transports (Electron IPC and HTTP + WebSocket) carry. */
export interface ApiTransport {
  invoke(method: string, input: unknown): Promise<ApiResponse>;
  subscribe(listener: ApiEventListener): () => void;
}
