// How the panel is connected to Berth's main side, for banners and the unauthorized screen.
import type { ApiTransport } from '../../shared/rpc';

/**
 * connecting: first contact not made yet; connected: events flow; reconnecting: the event
 * stream dropped and is being retried; unauthorized: the server refused the session.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

export type ConnectionListener = (state: ConnectionState) => void;

/** A transport that also reports the state of its connection. */
export interface ClientTransport extends ApiTransport {
  readonly kind: 'bridge' | 'http';
  onConnection(listener: ConnectionListener): () => void;
}
