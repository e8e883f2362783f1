import { describe, expect, it } from 'vitest';
import { auditFilterOf, emptyAuditFilter } from '../../../renderer/audit/audit-store';
import {
  challengeFormFrom,
  challengeInputFrom,
  emptyChallengeForm,
} from '../../../renderer/challenges/challenge-form';
import { emptyHostForm, hostInputFrom } from '../../../renderer/hosts/host-form';
import { serverFieldErrors } from '../../../renderer/lib/field-errors';
import { settingsFormFrom, settingsFrom } from '../../../renderer/settings/settings-form';
import { challengeInputSchema } from '../../../shared/challenge';
import { defaultSettings } from '../../../shared/settings';
import { challenge } from '../../support/stand-in-fixtures';

describe('challenge form', () => {
  it('turns a filled form into an input the schema accepts', () => {
    const form = {
      ...emptyChallengeForm({ image: 'berth-test/web:1.0' }),
      name: ' web ',
      ports: [{ port: '8080', protocol: 'http' as const }],
      env: [{ key: 'MODE', value: 'ctf' }],
      command: '/bin/sh\n\n-c\nhttpd -f\n',
    };
    const result = challengeInputFrom(form);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input).toMatchObject({
      name: 'web',
      image: 'berth-test/web:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
      env: { MODE: 'ctf' },
      command: ['/bin/sh', '-c', 'httpd -f'],
    });
    expect(challengeInputSchema.safeParse(result.input).success).toBe(true);
  });

  it('names each wrong field by its path', () => {
    const result = challengeInputFrom({
      ...emptyChallengeForm(),
      memory: '1x',
      cpus: 'many',
      ports: [
        { port: '80', protocol: 'tcp' },
        { port: '80', protocol: 'tcp' },
      ],
      env: [
        { key: '1BAD', value: '' },
        { key: 'OK', value: '' },
        { key: 'OK', value: '' },
      ],
    });

    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'A challenge needs a name',
        image: 'A challenge needs an image',
        'limits.memory': 'Write memory as a size like 256m or 1g',
        'limits.cpus': 'Write a number',
        'env.0.key': 'Environment names use letters, digits and _ and do not start with a digit',
        'env.2.key': 'OK is set twice',
      },
    });
  });

  it('flags a port listed twice once the rest of the form is valid', () => {
    const result = challengeInputFrom({
      ...emptyChallengeForm({ image: 'web:1' }),
      name: 'web',
      ports: [
        { port: '80', protocol: 'tcp' },
        { port: '80', protocol: 'http' },
      ],
    });
    expect(result).toEqual({ ok: false, errors: { 'ports.1.port': 'Port 80 is listed twice' } });
  });

  it('round-trips a saved challenge through the form unchanged', () => {
    const saved = challenge({ env: { A: '1' }, command: ['run', '--fast'] });
    const result = challengeInputFrom(challengeFormFrom(saved));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { id: _id, createdAt: _c, updatedAt: _u, ...spec } = saved;
    expect(result.input).toEqual(spec);
  });
});

describe('host form', () => {
  it('builds a TLS connection with the default port when none is typed', () => {
    const result = hostInputFrom({
      ...emptyHostForm(),
      name: 'lab-2',
      kind: 'tls',
      host: '10.0.0.5',
      certPath: '/etc/berth/lab-2',
    });

    expect(result.ok && result.input.connection).toMatchObject({
      kind: 'tls',
      host: '10.0.0.5',
      port: 2376,
      certPath: '/etc/berth/lab-2',
    });
  });

  it('names the port range end when the range is backwards, and non-numbers', () => {
    const result = hostInputFrom({
      ...emptyHostForm(),
      name: 'x',
      portStart: '500',
      portEnd: '400',
      capacity: 'lots',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        'portRange.end': 'The range must start at or below its end',
        capacity: 'Write a number',
      },
    });
  });
});

describe('settings form', () => {
  it("puts zod's own wording in an operator's words, keeping custom messages", () => {
    const result = settingsFrom({
      ...settingsFormFrom(defaultSettings),
      reaperIntervalSeconds: '0',
      healthIntervalSeconds: '1.5',
      maxInstancesPerTeam: '0',
      pids: '4',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        reaperIntervalSeconds: 'Use 1 or more',
        healthIntervalSeconds: 'Use a whole number',
        maxInstancesPerTeam: 'Use 1 or more',
        'defaultLimits.pids': 'Allow at least 8 processes',
      },
    });
  });

  it('round-trips the defaults, a blank cap meaning no cap', () => {
    const result = settingsFrom(settingsFormFrom(defaultSettings));
    expect(result).toEqual({ ok: true, settings: defaultSettings });
  });
});

describe('server field errors and audit filters', () => {
  it('puts an invalid-input error beside its field, without the wrapper prefix', () => {
    expect(
      serverFieldErrors(
        { kind: 'invalid-input', message: 'm', field: 'challenge.image' },
        'challenge',
      ),
    ).toEqual({ image: 'm' });
    expect(serverFieldErrors({ kind: 'engine', message: 'm', field: 'image' })).toBeNull();
  });

  it('sends only the filters the operator filled in', () => {
    expect(auditFilterOf(emptyAuditFilter, 0)).toEqual({ offset: 0, limit: 50 });
    expect(
      auditFilterOf({ ...emptyAuditFilter, action: ' hosts.add ', outcome: 'failed' }, 100),
    ).toEqual({ action: 'hosts.add', outcome: 'failed', offset: 100, limit: 50 });
  });
});
