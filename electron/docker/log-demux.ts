// Turns the byte streams the engine sends for logs and attach into text per output stream.
// Without a TTY the engine multiplexes stdout and stderr into frames: an 8-byte header (byte 0
// the stream type, bytes 4..7 the big-endian payload length) and then the payload. With a TTY
// it sends the raw bytes.

import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { BerthError, isBerthError } from '../../shared/errors';

export type LogStreamName = 'stdout' | 'stderr';

/** A piece of decoded output from one stream, in arrival order. */
export interface LogChunk {
  stream: LogStreamName;
  text: string;
}

export interface LogDecodeOptions {
  /** Payload bytes to decode at most; past it the output ends and `truncated` turns true. */
  maxBytes?: number;
}

/** Everything a log stream said, up to a byte budget. */
export interface CollectedLogs {
  stdout: string;
  stderr: string;
  /** Both streams in arrival order. */
  combined: string;
  truncated: boolean;
}

const headerLength = 8;

/**
 * A Transform from engine bytes to LogChunk objects. When the byte cap is passed it pushes what
 * fits, sets `truncated` and ends its readable side cleanly; it then stops taking input and
 * destroys itself once its output has been read, so a stream.pipeline() feeding it closes the
 * engine stream (that pipeline reports a premature close, which `truncated` explains).
 */
export abstract class LogDecodeStream extends Transform {
  // One decoder per stream, so a character split around a frame of the other stream survives.
  readonly #decoders: Record<LogStreamName, TextDecoder> = {
    stdout: new TextDecoder('utf-8', { ignoreBOM: true }),
    stderr: new TextDecoder('utf-8', { ignoreBOM: true }),
  };
  #budget: number;
  #pending: LogChunk | null = null;
  #done = false;
  #truncated = false;

  constructor(options: LogDecodeOptions = {}) {
    super({ readableObjectMode: true });
    this.#budget = options.maxBytes === undefined ? Infinity : checkMaxBytes(options.maxBytes);
  }

  /** True once the stream carried more payload bytes than `maxBytes`. */
  get truncated(): boolean {
    return this.#truncated;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    // Past the cap the callback is held: the engine stream waits instead of being read for nothing.
    if (this.#done) return;

    const error = this.consume(chunk);
    this.#pushPending();
    if (error !== null) this.#done = true;
    callback(error);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#done) {
      // Bytes of a character the stream never finished become U+FFFD.
      this.#append('stdout', this.#decoders.stdout.decode());
      this.#append('stderr', this.#decoders.stderr.decode());
      this.#pushPending();
    }
    callback();
  }

  /** Reads one chunk of engine bytes; returns the protocol error that ends the stream, if any. */
  protected abstract consume(chunk: Buffer): BerthError | null;

  /** Decodes payload bytes of one stream; returns false once the byte cap has ended the output. */
  protected emitPayload(stream: LogStreamName, bytes: Buffer): boolean {
    if (this.#done) return false;

    if (bytes.length > this.#budget) {
      // The part of a character cut off by the cap stays in the decoder and is never shown.
      this.#append(
        stream,
        this.#decoders[stream].decode(bytes.subarray(0, this.#budget), { stream: true }),
      );
      this.#budget = 0;
      this.#truncated = true;
      this.#done = true;
      this.#pushPending();
      this.push(null);
      this.once('end', () => this.destroy());
      return false;
    }

    this.#budget -= bytes.length;
    this.#append(stream, this.#decoders[stream].decode(bytes, { stream: true }));
    return true;
  }

  // Consecutive text of one stream within a chunk goes out as one LogChunk.
  #append(stream: LogStreamName, text: string): void {
    if (text === '') return;
    if (this.#pending?.stream === stream) {
      this.#pending.text += text;
      return;
    }
    this.#pushPending();
    this.#pending = { stream, text };
  }

  #pushPending(): void {
    if (this.#pending === null) return;
    // A false return is honoured by Transform: it holds the callback until the reader drains.
    this.push(this.#pending);
    this.#pending = null;
  }
}

class MultiplexedLogStream extends LogDecodeStream {
  readonly #header = Buffer.alloc(headerLength);
  #headerFilled = 0;
  #remaining = 0;
  #stream: LogStreamName = 'stdout';

  protected consume(chunk: Buffer): BerthError | null {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#remaining > 0) {
        const end = offset + Math.min(this.#remaining, chunk.length - offset);
        this.#remaining -= end - offset;
        if (!this.emitPayload(this.#stream, chunk.subarray(offset, end))) return null;
        offset = end;
        continue;
      }

      const copied = chunk.copy(this.#header, this.#headerFilled, offset);
      this.#headerFilled += copied;
      offset += copied;
      if (this.#headerFilled < headerLength) return null;

      this.#headerFilled = 0;
      const type = this.#header.readUInt8(0);
      if (type > 2) return unreadableStream(type);
      // Type 0 (stdin echoed back) is shown with stdout, as the Docker CLI does.
      this.#stream = type === 2 ? 'stderr' : 'stdout';
      this.#remaining = this.#header.readUInt32BE(4);
    }
    return null;
  }
}

class RawLogStream extends LogDecodeStream {
  protected consume(chunk: Buffer): BerthError | null {
    this.emitPayload('stdout', chunk);
    return null;
  }
}

/** Demultiplexes a non-TTY logs or attach stream into LogChunk objects (see LogDecodeStream). */
export function demuxDockerStream(options?: LogDecodeOptions): LogDecodeStream {
  return new MultiplexedLogStream(options);
}

/** Decodes a TTY logs or attach stream (raw bytes) into LogChunk objects, all on stdout. */
export function decodeRawStream(options?: LogDecodeOptions): LogDecodeStream {
  return new RawLogStream(options);
}

/**
 * Reads a stream of LogChunk objects into text, up to `maxBytes` of UTF-8 in all. It destroys
 * the stream once it has enough, so build the chain with stream.pipeline() to stop the engine
 * stream too. Rejects with BerthError: 'cancelled' on abort, 'engine' when the stream breaks.
 */
export async function collectLogText(
  stream: Readable,
  options: { maxBytes: number; signal?: AbortSignal },
): Promise<CollectedLogs> {
  let budget = checkMaxBytes(options.maxBytes);
  const { signal } = options;
  const cancel = (): void => {
    stream.destroy(new BerthError('cancelled', 'Reading the logs was cancelled.'));
  };
  if (signal?.aborted === true) cancel();
  signal?.addEventListener('abort', cancel, { once: true });

  const texts: Record<LogStreamName, string[]> = { stdout: [], stderr: [] };
  const combined: string[] = [];
  let truncated = false;
  try {
    for await (const chunk of stream as AsyncIterable<unknown>) {
      if (!isLogChunk(chunk)) throw notDecoded();
      const text = fitBytes(chunk.text, budget);
      budget -= Buffer.byteLength(text);
      texts[chunk.stream].push(text);
      combined.push(text);
      if (text.length < chunk.text.length) {
        truncated = true;
        break;
      }
    }
  } catch (error) {
    throw isBerthError(error) ? error : brokenStream(error);
  } finally {
    signal?.removeEventListener('abort', cancel);
  }

  return {
    stdout: texts.stdout.join(''),
    stderr: texts.stderr.join(''),
    combined: combined.join(''),
    truncated: truncated || (stream instanceof LogDecodeStream && stream.truncated),
  };
}

// The longest prefix of `text` whose UTF-8 encoding fits in `budget` bytes, whole characters only.
function fitBytes(text: string, budget: number): string {
  if (Buffer.byteLength(text) <= budget) return text;
  return new TextDecoder().decode(Buffer.from(text).subarray(0, budget), { stream: true });
}

function isLogChunk(value: unknown): value is LogChunk {
  if (typeof value !== 'object' || value === null) return false;
  const chunk = value as Partial<LogChunk>;
  return (chunk.stream === 'stdout' || chunk.stream === 'stderr') && typeof chunk.text === 'string';
}

function checkMaxBytes(maxBytes: number): number {
  if (maxBytes !== Infinity && (!Number.isInteger(maxBytes) || maxBytes < 0)) {
    throw new BerthError('invalid-input', 'The log size limit must be a whole number of bytes.', {
      field: 'maxBytes',
    });
  }
  return maxBytes;
}

function unreadableStream(type: number): BerthError {
  return new BerthError('engine', 'The engine sent a log stream Berth could not read', {
    engineMessage: `Log frame header with unknown stream type ${type}`,
  });
}

function brokenStream(error: unknown): BerthError {
  return new BerthError('engine', 'The log stream from the engine broke off before it ended.', {
    engineMessage: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

function notDecoded(): BerthError {
  return new BerthError('internal', 'Berth read logs from a stream it had not decoded.');
}
