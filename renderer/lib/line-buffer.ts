// A bounded buffer of log lines: keeps the newest lines, splits text on newlines across chunks.

export interface LineBufferOptions {
  /** Lines kept; older ones are dropped first. */
  maxLines: number;
  /** Longer lines are cut into pieces of this length, so one huge line cannot stall the view. */
  maxLineLength: number;
}

/** Mutable on purpose: logs arrive in many small chunks and copying megabytes per chunk would freeze the page. */
export class LineBuffer {
  readonly options: LineBufferOptions;
  private lines: string[] = [];
  private start = 0;
  private partial = '';
  private droppedCount = 0;

  constructor(options: LineBufferOptions) {
    this.options = options;
  }

  /** Lines held, counting an unfinished last line. */
  get length(): number {
    return this.lines.length - this.start + (this.partial === '' ? 0 : 1);
  }

  /** Lines dropped from the front to stay within maxLines. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** The line at `index` (0 is the oldest held), the unfinished last line included. */
  line(index: number): string {
    const complete = this.lines.length - this.start;
    if (index < complete) return this.lines[this.start + index] ?? '';
    return index === complete ? this.partial : '';
  }

  /** Adds text; a line ends at \n, and a trailing \r is dropped. */
  append(text: string): void {
    const pieces = (this.partial + text).split('\n');
    this.partial = pieces.pop() ?? '';
    for (const piece of pieces) this.push(piece.endsWith('\r') ? piece.slice(0, -1) : piece);

    while (this.partial.length > this.options.maxLineLength) {
      this.push(this.partial.slice(0, this.options.maxLineLength));
      this.partial = this.partial.slice(this.options.maxLineLength);
    }
    this.trim();
  }

  /** Every held line joined with newlines, for download. */
  text(): string {
    const complete = this.lines.slice(this.start).join('\n');
    if (this.partial === '') return complete === '' ? '' : `${complete}\n`;
    return complete === '' ? this.partial : `${complete}\n${this.partial}`;
  }

  /** Indexes of lines containing `query` (case ignored). */
  find(query: string): number[] {
    if (query === '') return [];
    const needle = query.toLowerCase();
    const found: number[] = [];
    for (let i = 0; i < this.length; i += 1) {
      if (this.line(i).toLowerCase().includes(needle)) found.push(i);
    }
    return found;
  }

  clear(): void {
    this.lines = [];
    this.start = 0;
    this.partial = '';
    this.droppedCount = 0;
  }

  private push(line: string): void {
    for (let at = 0; at < line.length || at === 0; at += this.options.maxLineLength) {
      this.lines.push(line.slice(at, at + this.options.maxLineLength));
      if (line.length === 0) break;
    }
  }

  private trim(): void {
    const excess = this.length - this.options.maxLines;
    if (excess <= 0) return;
    this.start += excess;
    this.droppedCount += excess;
    // Compacting only now and then keeps appends cheap while the array cannot grow without bound.
    if (this.start > this.options.maxLines) {
      this.lines = this.lines.slice(this.start);
      this.start = 0;
    }
  }
}
