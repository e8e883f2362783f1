// Terminal sessions: a shell in a container through exec with a TTY. Keystrokes come in as
// method calls, output goes out as 'terminal.output' events, so the same pair works over IPC and
// over HTTP + WebSocket without a transport of its own.
import { StringDecoder } from 'node:string_decoder';
import { BerthError, toBerthError } from '../../shared/errors';
import type { InteractiveExec } from '../docker/engine-types';
import { componentLogger } from '../logger';
import type { EventBus } from './event-bus';

const log = componentLogger('terminal');

/** At most this many sessions at once; the oldest is closed to make room. */
const maxSessions = 16;

export interface TerminalSource {
  execInteractive(
    containerId: string,
    cmd: string[],
    options: { cols: number; rows: number },
  ): Promise<InteractiveExec>;
}

interface Session {
  exec: InteractiveExec;
  /** The test-run or container the session belongs to, so removing it closes the session. */
  owner: string;
}

export class TerminalSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly bus: EventBus,
    private readonly newId: () => string,
  ) {}

  /** Starts `command` with a TTY in the container; returns the id its events carry. */
  async open(
    source: TerminalSource,
    containerId: string,
    options: { owner: string; command: string[]; cols: number; rows: number },
  ): Promise<string> {
    const exec = await source.execInteractive(containerId, options.command, {
      cols: options.cols,
      rows: options.rows,
    });
    if (this.sessions.size >= maxSessions) {
      const [oldest] = this.sessions.keys();
      if (oldest !== undefined) this.close(oldest);
    }
    const sessionId = this.newId();
    this.sessions.set(sessionId, { exec, owner: options.owner });
    this.pump(sessionId, exec);
    return sessionId;
  }

  /** Types into the session; false when it has ended. */
  input(sessionId: string, data: string): boolean {
    const session = this.sessions.get(sessionId);
    if (!session || session.exec.stream.destroyed) return false;
    session.exec.stream.write(data);
    return true;
  }

  /** Tells the session its new size in characters. */
  async resize(sessionId: string, cols: number, rows: number): Promise<boolean> {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    await session.exec.resize(cols, rows);
    return true;
  }

  /** Ends a session; false when it had ended already. */
  close(sessionId: string): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    this.sessions.delete(sessionId);
    session.exec.stream.destroy();
    return true;
  }

  /** Ends every session of an owner (a test-run being removed). */
  closeOwnedBy(owner: string): void {
    for (const [id, session] of [...this.sessions.entries()]) {
      if (session.owner === owner) this.close(id);
    }
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  /** A session that is not open, as an error naming the field. */
  static gone(): BerthError {
    return new BerthError('not-found', 'That terminal session has ended', { field: 'sessionId' });
  }

  private pump(sessionId: string, exec: InteractiveExec): void {
    const decoder = new StringDecoder('utf8');
    exec.stream.on('data', (chunk: Buffer) => {
      const data = decoder.write(chunk);
      if (data !== '') {
        this.bus.publish('terminal.output', { sessionId, data, ended: false, exitCode: null });
      }
    });
    exec.stream.on('error', (error) => {
      log.debug({ sessionId, error: String(error) }, 'terminal stream failed');
    });
    exec.stream.once('close', () => {
      this.sessions.delete(sessionId);
      const rest = decoder.end();
      exec
        .exitCode()
        .catch((error: unknown) => {
          log.debug({ sessionId, kind: toBerthError(error).kind }, 'no exit code');
          return null;
        })
        .then((exitCode) => {
          this.bus.publish('terminal.output', { sessionId, data: rest, ended: true, exitCode });
        })
        .catch(() => undefined);
    });
  }
}
