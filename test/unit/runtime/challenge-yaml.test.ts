import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportChallengeYaml, importChallengeYaml } from '../../../electron/runtime/challenge-yaml';

const ctfcli = `name: "Baby Web"
author: alice
category: web
description: |
  Find the flag.
value: 100
type: dynamic
extra:
  initial: 500
  decay: 10
  minimum: 50
image: localhost:5000/ctf/web:1.0
protocol: http
host: null
connection_info: "http://{host}:{port}/"
flags:
  - flag{static_one}
  - {type: static, content: "flag{second}", data: case_insensitive}
tags: [web, easy]
hints:
  - content: look closer
    cost: 10
`;

describe('challenge.yml import and export', () => {
  it('maps ctfcli keys and keeps the unknown ones', () => {
    const challenge = importChallengeYaml(ctfcli);
    expect(challenge).toMatchObject({
      name: 'Baby Web',
      category: 'web',
      value: 100,
      image: 'localhost:5000/ctf/web:1.0',
      connectionInfo: 'http://{host}:{port}/',
      flag: { mode: 'static', value: 'flag{static_one}' },
    });
    expect(challenge.extra).toMatchObject({
      author: 'alice',
      type: 'dynamic',
      protocol: 'http',
      tags: ['web', 'easy'],
    });
    expect(challenge.extra.hints).toEqual([{ content: 'look closer', cost: 10 }]);
  });

  it('round-trips through export unchanged in meaning', () => {
    const first = importChallengeYaml(ctfcli);
    const exported = exportChallengeYaml(first);
    expect(importChallengeYaml(exported)).toEqual(first);
    const data = parse(exported) as Record<string, unknown>;
    expect(data.flags).toEqual((parse(ctfcli) as Record<string, unknown>).flags);
    expect(data['x-berth']).toMatchObject({ lifetimeSeconds: 1800, flag: { mode: 'static' } });
  });

  it('reads Berth settings from x-berth', () => {
    const challenge = importChallengeYaml(`name: pwn
image: berth-test/multi:1.0
x-berth:
  ports: [{port: 9000, protocol: tcp}, {port: 8080, protocol: http}]
  limits: {memory: 512m, cpus: 1, pids: 64}
  flag: {mode: dynamic, template: "CTF{{hmac:20}}", delivery: file, filePath: /home/ctf/flag}
  lifetimeSeconds: 600
`);
    expect(challenge.ports).toEqual([
      { port: 9000, protocol: 'tcp' },
      { port: 8080, protocol: 'http' },
    ]);
    expect(challenge.limits).toEqual({ memory: '512m', cpus: 1, pids: 64 });
    expect(challenge.flag).toMatchObject({ delivery: 'file', filePath: '/home/ctf/flag' });
    expect(importChallengeYaml(exportChallengeYaml(challenge))).toEqual(challenge);
  });

  it('names the field and the line of a bad value', () => {
    const bad = `name: pwn
image: berth-test/web:1.0
x-berth:
  limits:
    memory: lots
`;
    expect(() => importChallengeYaml(bad)).toThrow(
      /x-berth\.limits\.memory: Write memory as a size like 256m or 1g \(line 5\)/,
    );
    expect(() =>
      importChallengeYaml('name: x\nimage: y\nx-berth:\n  ports: [{port: 70000}]\n'),
    ).toThrow(/x-berth\.ports\.0\.port: .*line 4/);
  });

  it('names a missing required field and refuses what is not a mapping or not YAML', () => {
    expect(() => importChallengeYaml('category: web\n')).toThrow(/name: /);
    expect(() => importChallengeYaml('- a\n- b\n')).toThrow(/must be a mapping/);
    expect(() => importChallengeYaml('name: [unclosed\n')).toThrow(/not valid YAML \(line \d+\)/);
    expect(() => importChallengeYaml('name: a\nname: b\nimage: x\n')).toThrow(/not valid YAML/);
  });
});
