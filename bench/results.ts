// What a bench run found: figures with their targets, and how they are printed and saved.
import type { Summary } from './stats';

export type Unit = 'ratio' | 'ms' | 'rows/s' | 'µs' | 'MB' | 'KB' | 'count';

export interface Target {
  /** Which statistic of `value` is judged: the median of the runs, or the worst run. */
  on: 'median' | 'max' | 'min';
  op: '<=' | '<' | '>=';
  limit: number;
}

export interface Figure {
  /** Stable key, e.g. `launch.env`. */
  id: string;
  /** The brief's heading the figure answers, e.g. `Launch latency`. */
  group: string;
  /** What was measured, in a few words. */
  name: string;
  unit: Unit;
  /** The headline: a ratio (Berth over reference) or an absolute value. */
  value: Summary;
  /** Absolute figures behind a ratio, in `absoluteUnit`. */
  berth?: Summary;
  reference?: Summary;
  absoluteUnit?: Unit;
  target?: Target;
  /** Set from `target` when the figure is recorded. */
  met?: boolean;
  /** What exactly was compared, and anything a reader needs to trust the number. */
  note?: string;
}

export interface SuiteFailure {
  suite: string;
  message: string;
}

export interface SuiteRun {
  suite: string;
  seconds: number;
  /** The 1-minute load average before and after: other work on the machine skews figures. */
  loadBefore: number;
  loadAfter: number;
}

export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: Record<string, string | number>;
  suites: SuiteRun[];
  figures: Figure[];
  failures: SuiteFailure[];
}

function statistic(summary: Summary, on: Target['on']): number {
  return on === 'median' ? summary.median : on === 'max' ? summary.max : summary.min;
}

/** Whether a figure meets its target; undefined when it has none. */
export function meets(figure: Pick<Figure, 'value' | 'target'>): boolean | undefined {
  const { target } = figure;
  if (!target) return undefined;
  const x = statistic(figure.value, target.on);
  if (Number.isNaN(x)) return false;
  if (target.op === '<=') return x <= target.limit;
  if (target.op === '<') return x < target.limit;
  return x >= target.limit;
}

/** A number with as many decimals as its size deserves. */
export function formatNumber(x: number, unit: Unit): string {
  if (Number.isNaN(x)) return 'n/a';
  if (unit === 'ratio') return x.toFixed(2);
  if (unit === 'count') return String(Math.round(x));
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function withUnit(x: number, unit: Unit): string {
  const text = formatNumber(x, unit);
  if (unit === 'ratio') return `${text}×`;
  if (unit === 'count') return text;
  return `${text} ${unit}`;
}

/** `median (p25–p75, min–max, n runs)`. */
export function formatSummary(summary: Summary, unit: Unit): string {
  const f = (x: number): string => formatNumber(x, unit);
  if (summary.runs <= 1) return withUnit(summary.median, unit);
  return `${withUnit(summary.median, unit)} (IQR ${f(summary.p25)}–${f(summary.p75)}, range ${f(summary.min)}–${f(summary.max)}, n=${summary.runs})`;
}

/** `≤ 1.15× (median)`. */
export function formatTarget(target: Target | undefined, unit: Unit): string {
  if (!target) return '—';
  const op = target.op === '<=' ? '≤' : target.op === '>=' ? '≥' : '<';
  return `${op} ${withUnit(target.limit, unit)} (${target.on === 'median' ? 'median' : target.on === 'max' ? 'worst run' : 'best run'})`;
}

function verdict(met: boolean | undefined): string {
  return met === undefined ? '—' : met ? 'met' : 'MISSED';
}

/** One line per figure for the terminal: the ratio next to its target. */
export function consoleLine(figure: Figure): string {
  const parts = [
    `${figure.group} / ${figure.name}:`,
    formatSummary(figure.value, figure.unit),
    `target ${formatTarget(figure.target, figure.unit)}`,
    verdict(figure.met),
  ];
  if (figure.berth && figure.reference && figure.absoluteUnit) {
    parts.push(
      `[Berth ${withUnit(figure.berth.median, figure.absoluteUnit)} vs reference ${withUnit(figure.reference.median, figure.absoluteUnit)}]`,
    );
  }
  return parts.join('  ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The Markdown report: a table of every figure, then the notes and any suite that could not run. */
export function markdownReport(results: BenchResults): string {
  const lines: string[] = [
    '# Berth benchmarks',
    '',
    `Run ${results.startedAt}, ${Math.round(results.durationSeconds)} s on ${Object.entries(
      results.machine,
    )
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}.`,
    '',
    'Each ratio is Berth over its reference, both measured in the same round; the table gives the',
    'median of the rounds with the interquartile range and the full range. Absolute medians follow.',
    '',
    `Suites: ${results.suites
      .map(
        (s) =>
          `${s.suite} ${Math.round(s.seconds)} s (load ${s.loadBefore.toFixed(1)} → ${s.loadAfter.toFixed(1)})`,
      )
      .join(', ')}.`,
    '',
    '| Group | Figure | Value | Target | Verdict | Measured (median) | Reference (median) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of results.figures) {
    const abs = f.absoluteUnit ?? f.unit;
    lines.push(
      `| ${cell(f.group)} | ${cell(f.name)} | ${cell(formatSummary(f.value, f.unit))} | ${cell(
        formatTarget(f.target, f.unit),
      )} | ${verdict(f.met)} | ${f.berth ? withUnit(f.berth.median, abs) : '—'} | ${
        f.reference ? withUnit(f.reference.median, abs) : '—'
      } |`,
    );
  }
  const notes = results.figures.filter((f) => f.note);
  if (notes.length > 0) {
    lines.push('', '## What each figure compares', '');
    for (const f of notes) lines.push(`- **${f.group} / ${f.name}**: ${f.note ?? ''}`);
  }
  if (results.failures.length > 0) {
    lines.push('', '## Could not measure', '');
    for (const failure of results.failures) lines.push(`- ${failure.suite}: ${failure.message}`);
  }
  return `${lines.join('\n')}\n`;
}
