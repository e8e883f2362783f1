// Summaries of repeated measurements: the median and the spread around it.

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** The 25th and 75th percentiles (linear interpolation). */
  p25: number;
  p75: number;
  runs: number;
}

/** The value at fraction `q` of the sorted samples, interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (position - low);
}

/** Median, quartiles and range of the samples; NaN fields for no samples. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    runs: sorted.length,
  };
}

/** Per-round ratios of paired samples (Berth over its reference measured in the same round). */
export function pairedRatios(berth: readonly number[], reference: readonly number[]): number[] {
  return berth.map((value, i) => value / (reference[i] ?? Number.NaN));
}
