// Plain HTTP from the test process, to 127.0.0.1 only: instances' links and browser mode's API.
import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  text: string;
}

/** Sends one request to a 127.0.0.1 address; refuses any other host so no traffic leaves the machine. */
export function loopbackRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') {
    return Promise.reject(new Error(`Test traffic goes to 127.0.0.1 only, not ${target.hostname}`));
  }
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        timeout: 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy(new Error(`${url} did not answer within 10 s`));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Calls `POST <base>/api/<method>` with a raw body and the given headers. */
export function postApi(
  base: string,
  method: string,
  body: string,
  headers: Record<string, string>,
): Promise<HttpAnswer> {
  return loopbackRequest(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}
