import fc from 'fast-check';
import { PassThrough, Readable, pipeline } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  collectLogText,
  decodeRawStream,
  demuxDockerStream,
  type LogChunk,
  type LogDecodeStream,
} from '../../../electron/docker/log-demux';

const stdout = 1;
const stderr = 2;

function frame(type: number, payload: string | Uint8Array | number[]): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

async function decode(stream: LogDecodeStream, chunks: Buffer[]): Promise<LogChunk[]> {
  return (await Readable.from(chunks).pipe(stream).toArray()) as LogChunk[];
}

// Joins neighbouring chunks of one stream, since how text is cut into chunks is not a promise.
function runs(chunks: LogChunk[]): LogChunk[] {
  const merged: LogChunk[] = [];
  for (const chunk of chunks) {
    const last = merged.at(-1);
    if (last?.stream === chunk.stream) last.text += chunk.text;
    else merged.push({ ...chunk });
  }
  return merged;
}

function textOf(chunks: LogChunk[], stream: LogChunk['stream']): string {
  return chunks
    .filter((chunk) => chunk.stream === stream)
    .map((chunk) => chunk.text)
    .join('');
}

function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  return pieces.filter((piece) => piece.length > 0);
}

const flag = Buffer.from('🚩');
const sample = Buffer.concat([
  frame(stdout, 'listening on 8080\n'),
  frame(stderr, 'warn: café ☕\n'),
  frame(stdout, ''),
  frame(stdout, Buffer.concat([Buffer.from('flag '), flag.subarray(0, 2)])),
  frame(stderr, '日本\n'),
  frame(stdout, Buffer.concat([flag.subarray(2), Buffer.from(' captured\n')])),
]);
const sampleRuns: LogChunk[] = [
  { stream: 'stdout', text: 'listening on 8080\n' },
  { stream: 'stderr', text: 'warn: café ☕\n' },
  { stream: 'stdout', text: 'flag ' },
  { stream: 'stderr', text: '日本\n' },
  { stream: 'stdout', text: '🚩 captured\n' },
];

describe('reading a multiplexed log stream', () => {
  it('keeps stdout and stderr apart, in the order the engine sent them', async () => {
    expect(runs(await decode(demuxDockerStream(), [sample]))).toEqual(sampleRuns);
  });

  it('sends neighbouring frames of one stream as one chunk', async () => {
    const chunks = await decode(demuxDockerStream(), [
      Buffer.concat([frame(stdout, 'a'), frame(stdout, 'b'), frame(stderr, 'c')]),
    ]);
    expect(chunks).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'c' },
    ]);
  });

  it('reads the same text whatever byte the network splits the stream at', async () => {
    for (let cut = 0; cut <= sample.length; cut += 1) {
      const chunks = await decode(demuxDockerStream(), splitAt(sample, [cut]));
      expect(runs(chunks), `split at byte ${cut}`).toEqual(sampleRuns);
    }
  });

  it('reads the same text when the stream is split at every pair of bytes', async () => {
    for (let first = 1; first < sample.length; first += 1) {
      for (let second = first + 1; second < sample.length; second += 1) {
        const chunks = await decode(demuxDockerStream(), splitAt(sample, [first, second]));
        expect(runs(chunks), `split at bytes ${first} and ${second}`).toEqual(sampleRuns);
      }
    }
  });

  it('reads the same text when the stream arrives one byte at a time', async () => {
    const bytes = [...sample].map((byte) => Buffer.from([byte]));
    expect(runs(await decode(demuxDockerStream(), bytes))).toEqual(sampleRuns);
  });

  it('rebuilds a character whose bytes are spread over frames with stderr in between', async () => {
    const frames = [...flag].flatMap((byte) => [frame(stdout, [byte]), frame(stderr, '.')]);
    const chunks = await decode(demuxDockerStream(), frames);
    expect(textOf(chunks, 'stdout')).toBe('🚩');
    expect(textOf(chunks, 'stderr')).toBe('....');
  });

  it('shows bytes that are not UTF-8 as the replacement character', async () => {
    const chunks = await decode(demuxDockerStream(), [
      frame(stdout, [0x41, 0xff, 0x42]),
      frame(stderr, [0xc3]),
    ]);
    expect(textOf(chunks, 'stdout')).toBe('A\uFFFDB');
    expect(textOf(chunks, 'stderr')).toBe('\uFFFD');
  });

  it('keeps a byte-order mark at the start of the output', async () => {
    const chunks = await decode(demuxDockerStream(), [frame(stdout, '\uFEFFhi')]);
    expect(textOf(chunks, 'stdout')).toBe('\uFEFFhi');
  });

  it('shows stdin echoed back by the engine with stdout', async () => {
    const chunks = await decode(demuxDockerStream(), [
      Buffer.concat([frame(0, 'typed'), frame(stdout, '!')]),
    ]);
    expect(chunks).toEqual([{ stream: 'stdout', text: 'typed!' }]);
  });

  it('fails with an engine error on an unknown frame type, after the text before it', async () => {
    const stream = demuxDockerStream();
    const seen: LogChunk[] = [];
    stream.on('data', (chunk: LogChunk) => seen.push(chunk));
    Readable.from([Buffer.concat([frame(stdout, 'ok'), frame(3, 'boom')])]).pipe(stream);

    await expect(finished(stream)).rejects.toMatchObject({
      name: 'BerthError',
      kind: 'engine',
      message: 'The engine sent a log stream Berth could not read',
    });
    expect(seen).toEqual([{ stream: 'stdout', text: 'ok' }]);
  });

  it('refuses a size limit that is not a whole number of bytes', () => {
    expect(() => demuxDockerStream({ maxBytes: -1 })).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'maxBytes' }),
    );
    expect(() => decodeRawStream({ maxBytes: 1.5 })).toThrow(/whole number of bytes/);
  });
});

describe('a size limit on the log stream', () => {
  it('stops at the limit, says it was truncated and ends cleanly', async () => {
    const stream = demuxDockerStream({ maxBytes: 8 });
    const chunks = await decode(stream, [frame(stdout, 'hello'), frame(stderr, 'world'), sample]);
    expect(chunks).toEqual([
      { stream: 'stdout', text: 'hello' },
      { stream: 'stderr', text: 'wor' },
    ]);
    expect(stream.truncated).toBe(true);
  });

  it('is not truncated when the output fits exactly', async () => {
    const stream = demuxDockerStream({ maxBytes: 10 });
    const chunks = await decode(stream, [frame(stdout, 'hello'), frame(stderr, 'world')]);
    expect(textOf(chunks, 'stderr')).toBe('world');
    expect(stream.truncated).toBe(false);
  });

  it('leaves out a character the limit cuts in half', async () => {
    const stream = demuxDockerStream({ maxBytes: 3 });
    const chunks = await decode(stream, [frame(stdout, 'a🚩b')]);
    expect(chunks).toEqual([{ stream: 'stdout', text: 'a' }]);
    expect(stream.truncated).toBe(true);
  });

  it('stops an endless engine stream once the limit is reached', async () => {
    let lines = 0;
    const engine = new Readable({
      read() {
        lines += 1;
        this.push(frame(stdout, `line ${lines}\n`));
      },
    });
    const logs = demuxDockerStream({ maxBytes: 20 });
    const piped = new Promise((resolve) => {
      pipeline(engine, logs, resolve);
    });

    const collected = await collectLogText(logs, { maxBytes: 1000 });
    expect(collected).toEqual({
      stdout: 'line 1\nline 2\nline 3',
      stderr: '',
      combined: 'line 1\nline 2\nline 3',
      truncated: true,
    });
    await piped;
    expect(engine.destroyed).toBe(true);
  });

  it('lets a plain reader see the end and closes itself', async () => {
    const engine = new PassThrough();
    const logs = demuxDockerStream({ maxBytes: 2 });
    const piped = new Promise((resolve) => {
      pipeline(engine, logs, resolve);
    });
    const seen: LogChunk[] = [];
    logs.on('data', (chunk: LogChunk) => seen.push(chunk));
    engine.write(frame(stdout, 'abc'));
    engine.write(frame(stdout, 'more'));

    expect(await piped).toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    expect(seen).toEqual([{ stream: 'stdout', text: 'ab' }]);
    expect(logs.truncated).toBe(true);
    expect(engine.destroyed).toBe(true);
  });
});

describe('reading a TTY stream', () => {
  it('shows the raw bytes as stdout, frame headers included', async () => {
    const chunks = await decode(decodeRawStream(), [Buffer.from('$ id\n'), frame(stdout, 'x')]);
    expect(textOf(chunks, 'stdout')).toBe(`$ id\n${frame(stdout, 'x').toString()}`);
    expect(textOf(chunks, 'stderr')).toBe('');
  });

  it('rebuilds characters split across chunks', async () => {
    const bytes = Buffer.from('café 🚩');
    const chunks = await decode(
      decodeRawStream(),
      [...bytes].map((b) => Buffer.from([b])),
    );
    expect(textOf(chunks, 'stdout')).toBe('café 🚩');
  });

  it('stops at the size limit', async () => {
    const stream = decodeRawStream({ maxBytes: 4 });
    const chunks = await decode(stream, [Buffer.from('ab'), Buffer.from('cdef'), Buffer.from('g')]);
    expect(textOf(chunks, 'stdout')).toBe('abcd');
    expect(stream.truncated).toBe(true);
  });
});

describe('waiting while the reader is slow', () => {
  it('asks the writer to wait instead of buffering without bound', async () => {
    const stream = demuxDockerStream();
    const line = frame(stdout, 'x'.repeat(100));
    let writes = 0;
    while (writes < 10_000 && stream.write(line)) writes += 1;

    expect(writes).toBeLessThan(1000);
    expect(stream.readableLength).toBeLessThanOrEqual(stream.readableHighWaterMark + 1);

    stream.end();
    const chunks = (await stream.toArray()) as LogChunk[];
    expect(textOf(chunks, 'stdout')).toHaveLength((writes + 1) * 100);
  });
});

describe('collecting a log stream into text', () => {
  it('returns stdout, stderr and both in arrival order', async () => {
    const collected = await collectLogText(Readable.from([sample]).pipe(demuxDockerStream()), {
      maxBytes: 1000,
    });
    expect(collected).toEqual({
      stdout: 'listening on 8080\nflag 🚩 captured\n',
      stderr: 'warn: café ☕\n日本\n',
      combined: 'listening on 8080\nwarn: café ☕\nflag 日本\n🚩 captured\n',
      truncated: false,
    });
  });

  it('cuts at the byte limit on a character boundary', async () => {
    const chunks: LogChunk[] = [
      { stream: 'stdout', text: 'hé' },
      { stream: 'stderr', text: 'llo' },
    ];
    const collected = await collectLogText(Readable.from(chunks), { maxBytes: 4 });
    expect(collected).toEqual({ stdout: 'hé', stderr: 'l', combined: 'hél', truncated: true });

    const halfCharacter = await collectLogText(Readable.from(chunks), { maxBytes: 2 });
    expect(halfCharacter).toMatchObject({ combined: 'h', truncated: true });
  });

  it('reports truncation done by the decoder', async () => {
    const stream = Readable.from([frame(stdout, 'hello')]).pipe(demuxDockerStream({ maxBytes: 2 }));
    expect(await collectLogText(stream, { maxBytes: 100 })).toMatchObject({
      stdout: 'he',
      truncated: true,
    });
  });

  it('stops with a cancelled error when the operator cancels', async () => {
    const source = new PassThrough({ objectMode: true });
    source.write({ stream: 'stdout', text: 'partial' });
    const controller = new AbortController();
    const collecting = collectLogText(source, { maxBytes: 100, signal: controller.signal });
    controller.abort();

    await expect(collecting).rejects.toMatchObject({ kind: 'cancelled' });
    expect(source.destroyed).toBe(true);
  });

  it('does not start when already cancelled', async () => {
    const source = new PassThrough({ objectMode: true });
    await expect(
      collectLogText(source, { maxBytes: 100, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('turns a broken engine connection into an engine error without its text', async () => {
    const source = new PassThrough({ objectMode: true });
    const collecting = collectLogText(source, { maxBytes: 100 });
    source.destroy(new Error('socket hang up'));

    await expect(collecting).rejects.toMatchObject({
      kind: 'engine',
      message: 'The log stream from the engine broke off before it ended.',
      engineMessage: 'socket hang up',
    });
  });

  it('refuses a stream that was never decoded', async () => {
    await expect(
      collectLogText(Readable.from([Buffer.from('raw')]), { maxBytes: 100 }),
    ).rejects.toMatchObject({ kind: 'internal' });
  });
});

describe('decoding, for any frames and any chunking', () => {
  const payload = fc.oneof(
    fc.uint8Array({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }).map((text) => new Uint8Array(Buffer.from(text))),
  );
  const frames = fc.array(fc.tuple(fc.constantFrom(stdout, stderr), payload), { maxLength: 12 });
  const cuts = fc.array(fc.nat(), { maxLength: 10 });

  it('gives each stream the text of its joined payloads', async () => {
    await fc.assert(
      fc.asyncProperty(frames, cuts, async (frameList, cutList) => {
        const bytes = Buffer.concat(frameList.map(([type, body]) => frame(type, body)));
        const chunks = await decode(demuxDockerStream(), splitAt(bytes, cutList));

        for (const [name, type] of [
          ['stdout', stdout],
          ['stderr', stderr],
        ] as const) {
          const joined = Buffer.concat(frameList.filter(([t]) => t === type).map(([, b]) => b));
          expect(textOf(chunks, name)).toBe(
            new TextDecoder('utf-8', { ignoreBOM: true }).decode(joined),
          );
        }
        expect(chunks.every((chunk) => chunk.text !== '')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never shows more than the limit, in bytes of payload', async () => {
    await fc.assert(
      fc.asyncProperty(frames, cuts, fc.nat({ max: 200 }), async (frameList, cutList, maxBytes) => {
        const bytes = Buffer.concat(frameList.map(([type, body]) => frame(type, body)));
        const stream = demuxDockerStream({ maxBytes });
        const chunks = await decode(stream, splitAt(bytes, cutList));
        const total = frameList.reduce((sum, [, body]) => sum + body.length, 0);

        expect(stream.truncated).toBe(total > maxBytes);
        if (stream.truncated) {
          const shown = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.text), 0);
          // A replacement character (3 bytes) stands for at least one byte of payload.
          const replaced = chunks.reduce(
            (sum, chunk) => sum + chunk.text.split('\uFFFD').length - 1,
            0,
          );
          expect(shown - 2 * replaced).toBeLessThanOrEqual(maxBytes);
        }
      }),
      { numRuns: 300 },
    );
  });
});
