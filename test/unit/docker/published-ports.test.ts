import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exposedPorts,
  parsePortKey,
  publishedPorts,
  summaryPorts,
} from '../../../electron/docker/published-ports';

describe('published ports from a container inspect', () => {
  it('shows a port bound on 0.0.0.0 and :: once, as the IPv4 binding', () => {
    expect(
      publishedPorts({
        '8080/tcp': [
          { HostIp: '0.0.0.0', HostPort: '31337' },
          { HostIp: '::', HostPort: '31337' },
        ],
        '9000/tcp': null,
      }),
    ).toEqual([{ containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 31337 }]);
  });

  it('shows a port bound on 127.0.0.1 and ::1 once, as the IPv4 binding', () => {
    expect(
      publishedPorts({
        '8080/tcp': [
          { HostIp: '::1', HostPort: '40001' },
          { HostIp: '127.0.0.1', HostPort: '40001' },
        ],
      }),
    ).toEqual([{ containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 40001 }]);
  });

  it('keeps an IPv6-only binding and bindings on different host ports', () => {
    expect(
      publishedPorts({
        '8080/tcp': [
          { HostIp: '::', HostPort: '40002' },
          { HostIp: '0.0.0.0', HostPort: '40003' },
        ],
      }),
    ).toEqual([
      { containerPort: 8080, protocol: 'tcp', hostIp: '::', hostPort: 40002 },
      { containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 40003 },
    ]);
  });

  it('sorts by container port, then host port', () => {
    expect(
      publishedPorts({
        '9000/tcp': [{ HostIp: '127.0.0.1', HostPort: '40010' }],
        '53/udp': [{ HostIp: '127.0.0.1', HostPort: '40012' }],
        '8080/tcp': [
          { HostIp: '127.0.0.1', HostPort: '40014' },
          { HostIp: '127.0.0.1', HostPort: '40011' },
        ],
      }).map((port) => `${port.containerPort}/${port.protocol}->${port.hostPort}`),
    ).toEqual(['53/udp->40012', '8080/tcp->40011', '8080/tcp->40014', '9000/tcp->40010']);
  });

  it('reads udp and sctp ports and a key without a protocol as tcp', () => {
    expect(
      publishedPorts({
        '53/udp': [{ HostIp: '127.0.0.1', HostPort: '40020' }],
        '7/sctp': [{ HostIp: '127.0.0.1', HostPort: '40021' }],
        '80': [{ HostIp: '127.0.0.1', HostPort: '40022' }],
      }).map((port) => `${port.containerPort}/${port.protocol}`),
    ).toEqual(['7/sctp', '53/udp', '80/tcp']);
  });

  it('treats an empty host address as every IPv4 address', () => {
    expect(publishedPorts({ '8080/tcp': [{ HostIp: '', HostPort: '40030' }] })).toEqual([
      { containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 40030 },
    ]);
    expect(publishedPorts({ '8080/tcp': [{ HostPort: '40031' }] })[0]?.hostIp).toBe('0.0.0.0');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', '8080/tcp'],
    ['a number', 8080],
    ['an array', [{ HostIp: '0.0.0.0', HostPort: '1' }]],
    ['an empty object', {}],
    ['only unpublished ports', { '8080/tcp': null, '9000/tcp': [] }],
  ])('finds no published ports in %s', (_label, ports) => {
    expect(publishedPorts(ports)).toEqual([]);
  });

  it('skips bad keys and bindings without a usable host port', () => {
    expect(
      publishedPorts({
        'http/tcp': [{ HostIp: '0.0.0.0', HostPort: '40040' }],
        '8080/quic': [{ HostIp: '0.0.0.0', HostPort: '40041' }],
        '8000-8010/tcp': [{ HostIp: '0.0.0.0', HostPort: '40042' }],
        '70000/tcp': [{ HostIp: '0.0.0.0', HostPort: '40043' }],
        '0/tcp': [{ HostIp: '0.0.0.0', HostPort: '40044' }],
        '8080/tcp': [
          { HostIp: '0.0.0.0', HostPort: '' },
          { HostIp: '0.0.0.0', HostPort: 'abc' },
          { HostIp: '0.0.0.0', HostPort: '0' },
          { HostIp: '0.0.0.0', HostPort: '99999' },
          { HostIp: '0.0.0.0' },
          null,
          'junk',
          { HostIp: '0.0.0.0', HostPort: '40045' },
        ],
        '9000/tcp': { HostIp: '0.0.0.0', HostPort: '40046' },
      }),
    ).toEqual([{ containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 40045 }]);
  });
});

describe('published ports from a container list entry', () => {
  it('reads docker ps entries and shows a dual-stack binding once', () => {
    expect(
      summaryPorts([
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: 31337, Type: 'tcp' },
        { IP: '::', PrivatePort: 8080, PublicPort: 31337, Type: 'tcp' },
        { IP: '127.0.0.1', PrivatePort: 53, PublicPort: 40050, Type: 'udp' },
      ]),
    ).toEqual([
      { containerPort: 53, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 40050 },
      { containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 31337 },
    ]);
  });

  it('leaves out exposed ports that are not published', () => {
    expect(summaryPorts([{ PrivatePort: 9000, Type: 'tcp' }])).toEqual([]);
  });

  it('reads a missing address as every IPv4 address and a missing type as tcp', () => {
    expect(summaryPorts([{ PrivatePort: 8080, PublicPort: 40051 }])).toEqual([
      { containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 40051 },
    ]);
  });

  it('skips entries it cannot read', () => {
    expect(
      summaryPorts([
        null,
        42,
        { PrivatePort: 'x', PublicPort: 40052, Type: 'tcp' },
        { PrivatePort: 8080, PublicPort: 0, Type: 'tcp' },
        { PrivatePort: 8080, PublicPort: 1.5, Type: 'tcp' },
        { PrivatePort: 8080, PublicPort: 40053, Type: 'quic' },
        { PrivatePort: 8080, PublicPort: '40054', Type: 'tcp' },
      ]),
    ).toEqual([{ containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 40054 }]);
    expect(summaryPorts(null)).toEqual([]);
    expect(summaryPorts({ PrivatePort: 8080, PublicPort: 40055 })).toEqual([]);
  });
});

describe('exposed ports of an image or container', () => {
  it('reads the ExposedPorts map, sorted by port', () => {
    expect(exposedPorts({ '9000/tcp': {}, '8080/tcp': {}, '53/udp': {} })).toEqual([
      { port: 53, protocol: 'udp' },
      { port: 8080, protocol: 'tcp' },
      { port: 9000, protocol: 'tcp' },
    ]);
  });

  it('reads the whole Config object as well as the map', () => {
    expect(exposedPorts({ Image: 'x', ExposedPorts: { '8080/tcp': {} } })).toEqual([
      { port: 8080, protocol: 'tcp' },
    ]);
    expect(exposedPorts({ Image: 'x', Cmd: ['sleep', '3600'] })).toEqual([]);
    expect(exposedPorts({ ExposedPorts: null })).toEqual([]);
  });

  it('reads a port without a protocol as tcp and lists it once', () => {
    expect(exposedPorts({ '8080': {}, '8080/tcp': {}, '8080/udp': {} })).toEqual([
      { port: 8080, protocol: 'tcp' },
      { port: 8080, protocol: 'udp' },
    ]);
  });

  it('skips keys that are not ports', () => {
    expect(exposedPorts({ 'web/tcp': {}, '8080/xyz': {}, '-1/tcp': {}, '8080/tcp': {} })).toEqual([
      { port: 8080, protocol: 'tcp' },
    ]);
  });

  it.each([null, undefined, 'x', 3, []])('finds none in %s', (config) => {
    expect(exposedPorts(config)).toEqual([]);
  });
});

describe('port keys', () => {
  it.each([
    ['8080/tcp', { port: 8080, protocol: 'tcp' }],
    ['8080/TCP', { port: 8080, protocol: 'tcp' }],
    ['53/udp', { port: 53, protocol: 'udp' }],
    ['65535', { port: 65535, protocol: 'tcp' }],
    ['65536/tcp', null],
    ['08080/tcp', { port: 8080, protocol: 'tcp' }],
    ['/tcp', null],
    ['8080/', null],
    ['8080/tcp/x', null],
    [' 8080/tcp', null],
  ])('reads %s', (key, expected) => {
    expect(parsePortKey(key)).toEqual(expected);
  });
});

describe('port readers, for any JSON the engine could send', () => {
  const portish = fc.oneof(
    fc.constantFrom('8080/tcp', '53/udp', '7/sctp', '80', '', 'x/tcp', '0/tcp'),
    fc.string(),
  );
  const engineJson = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue(),
      fc.dictionary(portish, tie('value')),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.record({
        HostIp: fc.oneof(fc.constantFrom('0.0.0.0', '::', ''), fc.jsonValue()),
        HostPort: fc.oneof(fc.integer().map(String), fc.jsonValue()),
        PrivatePort: fc.oneof(fc.integer(), fc.jsonValue()),
        PublicPort: fc.oneof(fc.integer(), fc.jsonValue()),
        Type: fc.oneof(fc.constantFrom('tcp', 'udp', 'sctp'), fc.jsonValue()),
        IP: fc.jsonValue(),
      }),
    ),
  })).value;

  it('never throw and return only valid ports', () => {
    fc.assert(
      fc.property(engineJson, (value) => {
        const published = [...publishedPorts(value), ...summaryPorts(value)];
        const exposed = exposedPorts(value);
        for (const port of published) {
          expect(port.containerPort).toBeGreaterThanOrEqual(1);
          expect(port.hostPort).toBeLessThanOrEqual(65535);
          expect(['tcp', 'udp', 'sctp']).toContain(port.protocol);
        }
        for (const port of exposed) expect(Number.isInteger(port.port)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
