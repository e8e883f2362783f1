// Followed log streams: each carries an instance's log lines to every client as 'logs.chunk' events.
import { randomUUID } from 'node:crypto';
import { toBerthError } from '../../shared/errors';
import type { Instance } from '../../shared/instance';
import type { LogChunk } from '../docker/engine-types';
import { componentLogger } from '../logger';
import type { EventBus } from './event-bus';

const log = componentLogger('log-followers');

/** At most this many streams at once; the oldest is ended to make room. */
const maxStreams = 32;

export interface LogSource {
  followLogs(
    containerId: string,
    options: { tail: number; signal: AbortSignal },
  ): AsyncIterable<LogChunk>;
}

export class LogFollowers {
  private readonly streams = new Map<string, AbortController>();

  constructor(
    private readonly bus: EventBus,
    private readonly sourceFor: (hostId: string) => LogSource,
  ) {}

  /** Starts following; returns the stream id the 'logs.chunk' events carry. */
  follow(instance: Instance, tail: number): string {
    return this.followContainer(instance.hostId, instance.containerId, tail);
  }

  /** Starts following any container (a test-run's); returns the stream id. */
  followContainer(hostId: string, containerId: string | null, tail: number): string {
    const streamId = randomUUID();
    const controller = new AbortController();
    if (this.streams.size >= maxStreams) {
      const [oldest] = this.streams.keys();
      if (oldest) this.stop(oldest);
    }
    this.streams.set(streamId, controller);
    void this.pump(streamId, hostId, containerId, tail, controller.signal);
    return streamId;
  }

  /** Ends a stream; false when it had ended already. */
  stop(streamId: string): boolean {
    const controller = this.streams.get(streamId);
    if (!controller) return false;
    controller.abort();
    this.streams.delete(streamId);
    return true;
  }

  stopAll(): void {
    for (const id of [...this.streams.keys()]) this.stop(id);
  }

  private async pump(
    streamId: string,
    hostId: string,
    containerId: string | null,
    tail: number,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      if (containerId) {
        const chunks = this.sourceFor(hostId).followLogs(containerId, {
          tail,
          signal,
        });
        for await (const chunk of chunks) {
          this.bus.publish('logs.chunk', {
            streamId,
            stream: chunk.stream,
            text: chunk.text,
            ended: false,
          });
        }
      }
    } catch (error) {
      const typed = toBerthError(error);
      if (typed.kind !== 'cancelled')
        log.warn({ streamId, kind: typed.kind }, 'log stream ended with an error');
    } finally {
      this.streams.delete(streamId);
      this.bus.publish('logs.chunk', { streamId, stream: 'stdout', text: '', ended: true });
    }
  }
}
