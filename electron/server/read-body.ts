// Reads a request body up to a limit, without buffering what lies beyond it.
import type { IncomingMessage } from 'node:http';
import { BerthError } from '../../shared/errors';

/** The body as bytes; rejects with kind 'limit' (statusCode 413) past `limit` bytes, 'cancelled' if aborted. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new BerthError('limit', `The body is larger than the ${formatLimit(limit)} Berth accepts`, {
      statusCode: 413,
    });

  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
      // Nothing reads past this point, so the socket stops pulling in the rest.
      request.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(new BerthError('cancelled', 'The request was cut off', { cause: error }));
    };
    const onClose = () => {
      if (request.complete) return;
      stop();
      reject(new BerthError('cancelled', 'The request was cut off'));
    };

    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

function formatLimit(limit: number): string {
  return limit % (1024 * 1024) === 0 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`;
}
