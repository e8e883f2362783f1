import { describe, expect, it } from 'vitest';
import type { ReadinessReport } from '../../../shared/authoring';
import type { HeldImage } from '../../../electron/runtime/readiness-checks';
import {
  imageCheck,
  memoryCheck,
  portRangeCheck,
  portsCheck,
} from '../../../electron/runtime/readiness-checks';
import { readinessCsv, readinessMarkdown } from '../../../electron/runtime/readiness-export';

const idA = `sha256:${'a'.repeat(64)}`;
const idB = `sha256:${'b'.repeat(64)}`;
const held = (id: string): HeldImage => ({ id, exposedPorts: [{ port: 8080, protocol: 'tcp' }] });
const names = new Map([
  ['h1', 'lab-1'],
  ['h2', 'lab-2'],
  ['h3', 'lab-3'],
]);

describe('readiness checks', () => {
  it('fails a host whose image under the challenge’s name is another build than most hosts hold', () => {
    const images = new Map([
      ['h1', held(idA)],
      ['h2', held(idB)],
      ['h3', held(idA)],
    ]);
    const challenge = { image: 'web:1.0' };

    expect(imageCheck(challenge, { id: 'h1', name: 'lab-1' }, images, names)).toEqual({
      status: 'pass',
      reason: `Present as ${idA.slice(0, 19)}`,
    });
    expect(imageCheck(challenge, { id: 'h2', name: 'lab-2' }, images, names)).toEqual({
      status: 'fail',
      reason: `lab-2 holds a different image under web:1.0 (${idB.slice(0, 19)}) than lab-1 (${idA.slice(0, 19)}); copy the right one there`,
    });
  });

  it('says the same image is on every host, and fails a host without it', () => {
    const images = new Map<string, HeldImage | null>([
      ['h1', held(idA)],
      ['h2', held(idA)],
      ['h3', null],
    ]);

    expect(
      imageCheck({ image: 'web:1.0' }, { id: 'h2', name: 'lab-2' }, images, names).reason,
    ).toBe(`Present as ${idA.slice(0, 19)}, the same image on every host holding it`);
    expect(imageCheck({ image: 'web:1.0' }, { id: 'h3', name: 'lab-3' }, images, names)).toEqual({
      status: 'fail',
      reason: 'web:1.0 is not on lab-3; build, load or copy it there',
    });
  });

  it('compares the ports the challenge publishes with those the image exposes', () => {
    const image = { id: idA, exposedPorts: [{ port: 8080, protocol: 'tcp' }] };

    expect(portsCheck({ ports: [{ port: 8080, protocol: 'http' }] }, image).status).toBe('pass');
    expect(portsCheck({ ports: [{ port: 9000, protocol: 'tcp' }] }, image)).toEqual({
      status: 'fail',
      reason:
        'The challenge publishes 9000/tcp, which the image does not expose (it exposes 8080/tcp)',
    });
    expect(portsCheck({ ports: [] }, null).status).toBe('skipped');
  });

  it('counts every team’s ports against the free part of the range', () => {
    const host = { portRange: { start: 30000, end: 30009 } };

    expect(portRangeCheck(host, { teams: 4, portsPerTeam: 2 }, 2)).toEqual({
      status: 'pass',
      reason: 'Needs 8 ports (4 teams × 2); the range 30000–30009 has 8 free (2 reserved)',
    });
    expect(portRangeCheck(host, { teams: 5, portsPerTeam: 2 }, 2).status).toBe('fail');
    expect(portRangeCheck(host, { teams: 500, portsPerTeam: 0 }, 0).status).toBe('pass');
  });

  it('adds every team’s memory limit and compares it with what the host has', () => {
    const gib = 1024 ** 3;

    expect(memoryCheck('lab-1', 4 * gib, { teams: 8, bytesPerTeam: 256 * 1024 ** 2 })).toEqual({
      status: 'pass',
      reason: 'Needs 2g (8 teams × 256m); lab-1 has 4g',
    });
    expect(memoryCheck('lab-1', 4 * gib, { teams: 40, bytesPerTeam: 256 * 1024 ** 2 })).toEqual({
      status: 'fail',
      reason: 'Needs 10g (40 teams × 256m) but lab-1 has 4g',
    });
  });
});

describe('readiness exports', () => {
  const report: ReadinessReport = {
    id: 'r1',
    checkedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    teams: 2,
    ok: false,
    hosts: [
      {
        hostId: 'h1',
        hostName: 'lab|1',
        reachable: true,
        memoryBytes: 1024,
        portRange: { start: 1, end: 2 },
        ports: { status: 'pass', reason: 'ok' },
        memory: { status: 'pass', reason: 'ok' },
      },
    ],
    rows: [
      {
        challengeId: 'c1',
        challengeName: '=cmd|evil',
        image: 'web:1.0',
        cells: [
          {
            hostId: 'h1',
            ok: false,
            checks: {
              image: { status: 'fail', reason: 'missing, "really"' },
              ports: { status: 'skipped', reason: 'no image' },
              portRange: { status: 'pass', reason: 'fine' },
              memory: { status: 'pass', reason: 'fine' },
              trial: { status: 'skipped', reason: 'not run' },
            },
          },
        ],
      },
    ],
  };

  it('writes Markdown whose tables survive pipes in names', () => {
    const markdown = readinessMarkdown(report);

    expect(markdown).toContain('Checked 2026-01-02T03:04:05.000Z for 2 teams: **not ready**.');
    expect(markdown).toContain('| Challenge | lab\\|1 |');
    expect(markdown).toContain('| =cmd\\|evil | **FAIL** |');
    expect(markdown).toContain('| =cmd\\|evil | lab\\|1 | Image | **FAIL** | missing, "really" |');
  });

  it('writes CSV that a spreadsheet will not run as a formula', () => {
    const lines = readinessCsv(report).split('\r\n');

    expect(lines[1]).toBe(`'=cmd|evil,web:1.0,lab|1,image,fail,"missing, ""really"""`);
    expect(lines).toContain('(all),,lab|1,memory,pass,ok');
  });
});
