/** Small statistics for the benchmarks: every figure is compared with a floor from the same run. */

/** The q-quantile (0..1) of `samples`, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** One row of results: what was measured, its value, the floor's value and their ratio. */
export interface Figure {
  name: string;
  unit: string;
  value: number;
  floor: number | null;
  floorName: string | null;
  /** value / floor; for throughput, floor / value is not used: the ratio is always value / floor. */
  ratio: number | null;
  goal: string | null;
  samples: number;
}

/**
 * A figure with its ratio filled in, rounded for reading: four significant digits, so a small
 * value (0.03 ms per request) keeps its precision and its ratio can be checked from the table.
 */
export function figure(f: Omit<Figure, "ratio">): Figure {
  const round = (x: number) => Number(x.toPrecision(4));
  const ratio = f.floor === null || f.floor === 0 ? null : round(f.value / f.floor);
  return { ...f, value: round(f.value), floor: f.floor === null ? null : round(f.floor), ratio };
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export const since = (start: number): number => performance.now() - start;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
