import { describe, expect, it } from 'vitest';
import { connectionLinks } from '../../../electron/runtime/connection-info';

const web = {
  containerPort: 8080,
  protocol: 'http' as const,
  hostPort: 31001,
  hostIp: '127.0.0.1',
};
const pwn = { containerPort: 9000, protocol: 'tcp' as const, hostPort: 31002, hostIp: '127.0.0.1' };

describe('connection info', () => {
  it('defaults to nc for tcp and a URL for http', () => {
    const links = connectionLinks('', '10.0.0.5', [web, pwn]);
    expect(links.map((l) => l.text)).toEqual(['http://10.0.0.5:31001/', 'nc 10.0.0.5 31002']);
    expect(links.map((l) => l.url)).toEqual(['http://10.0.0.5:31001/', null]);
  });

  it('fills {host}, {port} and {port:N} in the challenge template', () => {
    const [link] = connectionLinks(
      'ssh -p {port:9000} ctf@{host} # web on {port:8080}',
      'lab.example',
      [pwn],
    );
    expect(link?.text).toBe('ssh -p 31002 ctf@lab.example # web on {port:8080}');
  });

  it('brackets IPv6 addresses', () => {
    const [link] = connectionLinks('', '::1', [web]);
    expect(link?.url).toBe('http://[::1]:31001/');
  });

  it('opens a template that is itself an http URL', () => {
    const [link] = connectionLinks('https://{host}:{port}/login', 'ctf.lan', [pwn]);
    expect(link?.url).toBe('https://ctf.lan:31002/login');
  });
});
