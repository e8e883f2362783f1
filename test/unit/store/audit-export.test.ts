import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit';
import type { TempStore } from './temp-store';
import { record, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.dispose();
  temp = undefined;
});

const awkward = [
  record({ target: 'plain', details: { ports: [31337] } }),
  record({ target: 'Ducks, Inc.', message: 'He said "hi"', hostId: null }),
  record({ target: 'two\nlines', engineMessage: 'a\r\nb', outcome: 'failed' }),
  record({ target: '战队 🚀 Ünïcode', details: { note: 'naïve, "quoted"' } }),
];

function exported(): TempStore {
  temp = tempStore();
  for (const item of awkward) {
    temp.clock.now += 1000;
    temp.store.audit.append(item);
  }
  return temp;
}

describe('exporting the audit log as CSV', () => {
  it('quotes commas, quotes and line breaks so any CSV reader gets the fields back', () => {
    const { store } = exported();
    const csv = store.audit.exportCsv();
    const rows = parse<Record<string, string>>(csv, { columns: true });

    expect(rows.map((row) => row.target)).toEqual([
      '战队 🚀 Ünïcode',
      'two\nlines',
      'Ducks, Inc.',
      'plain',
    ]);
    expect(rows[1]?.engine_message).toBe('a\r\nb');
    expect(rows[2]?.message).toBe('He said "hi"');
    expect(rows[2]?.host_id).toBe('');
    expect(JSON.parse(rows[0]?.details ?? '')).toEqual({ note: 'naïve, "quoted"' });
    expect(rows[3]?.time).toBe(new Date(Number(rows[3]?.time_ms)).toISOString());
  });

  it('writes the RFC 4180 form: header, CRLF line ends, doubled quotes', () => {
    const { store } = exported();
    const csv = store.audit.exportCsv({ target: 'Ducks' });

    expect(csv.split('\r\n')[0]).toBe(
      'id,time,time_ms,actor,action,host_id,target,outcome,message,engine_message,details,prev_hash,hash',
    );
    expect(csv).toContain(',"Ducks, Inc.",ok,"He said ""hi""",,{},');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('keeps a spreadsheet from running a team name as a formula', () => {
    temp = tempStore();
    temp.store.audit.append(record({ target: '=HYPERLINK("http://evil")' }));
    const rows = parse<Record<string, string>>(temp.store.audit.exportCsv(), { columns: true });

    expect(rows[0]?.target).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('exports every matching entry, ignoring paging', () => {
    temp = tempStore();
    temp.store.audit.appendMany(Array.from({ length: 250 }, (_, i) => record({ target: `t${i}` })));
    const csv = temp.store.audit.exportCsv({ limit: 10, offset: 5 });
    const rows = parse<Record<string, string>>(csv, { columns: true });

    expect(rows).toHaveLength(250);
  });
});

describe('exporting the audit log as JSON', () => {
  it('gives the filtered entries, newest first, exactly as queried', () => {
    const { store } = exported();
    const entries = JSON.parse(store.audit.exportJson({ outcome: 'ok' })) as AuditEntry[];

    expect(entries).toEqual(store.audit.query({ outcome: 'ok' }).entries);
    expect(entries.map((e) => e.id)).toEqual([4, 2, 1]);
  });

  it('gives an empty array when nothing matches', () => {
    const { store } = exported();
    expect(JSON.parse(store.audit.exportJson({ action: 'nothing' }))).toEqual([]);
  });
});
