import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../../renderer/lib/line-buffer';

function linesOf(buffer: LineBuffer): string[] {
  return Array.from({ length: buffer.length }, (_, i) => buffer.line(i));
}

describe('LineBuffer', () => {
  it('joins a line split across chunks and drops carriage returns', () => {
    const buffer = new LineBuffer({ maxLines: 100, maxLineLength: 1000 });
    buffer.append('GET / 2');
    buffer.append('00\r\nGET /fl');
    buffer.append('ag 403\n');

    expect(linesOf(buffer)).toEqual(['GET / 200', 'GET /flag 403']);
    expect(buffer.text()).toBe('GET / 200\nGET /flag 403\n');
  });

  it('shows an unfinished last line and keeps it open for the next chunk', () => {
    const buffer = new LineBuffer({ maxLines: 100, maxLineLength: 1000 });
    buffer.append('a\nprompt> ');
    expect(linesOf(buffer)).toEqual(['a', 'prompt> ']);
    buffer.append('ls\n');
    expect(linesOf(buffer)).toEqual(['a', 'prompt> ls']);
  });

  it('keeps only the newest lines and counts those it dropped', () => {
    const buffer = new LineBuffer({ maxLines: 3, maxLineLength: 1000 });
    for (let i = 1; i <= 10; i += 1) buffer.append(`line ${i}\n`);

    expect(linesOf(buffer)).toEqual(['line 8', 'line 9', 'line 10']);
    expect(buffer.dropped).toBe(7);
  });

  it('cuts a huge line into pieces of the maximum length', () => {
    const buffer = new LineBuffer({ maxLines: 100, maxLineLength: 4 });
    buffer.append('abcdefghij\n');
    expect(linesOf(buffer)).toEqual(['abcd', 'efgh', 'ij']);

    buffer.append('0123456789');
    expect(linesOf(buffer).slice(3)).toEqual(['0123', '4567', '89']);
  });

  it('finds the lines holding a text, ignoring case', () => {
    const buffer = new LineBuffer({ maxLines: 100, maxLineLength: 1000 });
    buffer.append('ok\nERROR disk\nok\nerror net\n');
    expect(buffer.find('error')).toEqual([1, 3]);
    expect(buffer.find('')).toEqual([]);
  });

  it('holds the tail of any text, however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '\n', 'xyz'), { maxLength: 200 }),
        fc.integer({ min: 1, max: 20 }),
        (pieces, maxLines) => {
          const text = pieces.join('');
          const buffer = new LineBuffer({ maxLines, maxLineLength: 10_000 });
          for (const piece of pieces) buffer.append(piece);

          const all = text.split('\n');
          if (all[all.length - 1] === '') all.pop();
          expect(linesOf(buffer)).toEqual(all.slice(-maxLines));
          expect(buffer.length).toBeLessThanOrEqual(maxLines);
        },
      ),
    );
  });
});
