import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/api/event-bus';
import { TerminalSessions } from '../../../electron/api/terminal-sessions';
import type { InteractiveExec } from '../../../electron/docker/engine-types';
import type { TerminalOutput } from '../../../shared/authoring';

/** A terminal whose other end the test holds: what Berth types, and what the shell prints. */
function fakeTerminal(exitCode: number): {
  exec: InteractiveExec;
  typed: string[];
  print(bytes: Buffer): void;
  sizes: [number, number][];
} {
  const typed: string[] = [];
  const sizes: [number, number][] = [];
  const stream = new Duplex({
    read() {
      // Output is pushed by print().
    },
    write(chunk: Buffer, _encoding, done) {
      typed.push(chunk.toString());
      done();
    },
  });
  return {
    typed,
    sizes,
    print: (bytes) => stream.push(bytes),
    exec: {
      stream,
      resize: (cols, rows) => {
        sizes.push([cols, rows]);
        return Promise.resolve();
      },
      exitCode: () => Promise.resolve(exitCode),
    },
  };
}

describe('terminal sessions', () => {
  it('passes keystrokes in and output out, whole characters across chunk edges, then the exit code', async () => {
    const bus = createEventBus();
    const outputs: TerminalOutput[] = [];
    let printed: () => void = () => undefined;
    let ended: () => void = () => undefined;
    const allPrinted = new Promise<void>((resolve) => (printed = resolve));
    const sessionEnded = new Promise<void>((resolve) => (ended = resolve));
    bus.subscribe((event) => {
      if (event.type !== 'terminal.output') return;
      const output = event.payload as TerminalOutput;
      outputs.push(output);
      if (output.data.endsWith('\n')) printed();
      if (output.ended) ended();
    });
    const terminal = fakeTerminal(7);
    const sessions = new TerminalSessions(bus, () => 's1');
    const sessionId = await sessions.open(
      { execInteractive: () => Promise.resolve(terminal.exec) },
      'container',
      { owner: 'run-1', command: ['/bin/sh'], cols: 80, rows: 24 },
    );

    expect(sessions.input(sessionId, 'ls\r')).toBe(true);
    expect(await sessions.resize(sessionId, 100, 40)).toBe(true);
    const euro = Buffer.from('€ ok\r\n');
    terminal.print(euro.subarray(0, 2));
    terminal.print(euro.subarray(2));
    await allPrinted;
    sessions.closeOwnedBy('run-1');
    await sessionEnded;

    expect(terminal.typed).toEqual(['ls\r']);
    expect(terminal.sizes).toEqual([[100, 40]]);
    expect(outputs.map((o) => o.data).join('')).toBe('€ ok\r\n');
    expect(outputs.at(-1)).toEqual({ sessionId: 's1', data: '', ended: true, exitCode: 7 });
    expect(sessions.input(sessionId, 'more')).toBe(false);
    expect(sessions.close(sessionId)).toBe(false);
  });
});
