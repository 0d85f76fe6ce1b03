import type { MethodProfile } from "../../../protocol/daemonHealth.js";

/** Why the host refused a request instead of running it (protocol/daemonHealth.ts). */
export type Refusal = keyof MethodProfile["refused"];

/** Buckets per power of two: three significant bits, so a quantile is within 12.5 % of the truth. */
const SUB = 8;
/** Microseconds up to 2^31 (35 minutes: an approval left open), in 232 buckets. */
const MAX_US = 2 ** 31 - 1;
const BUCKETS = (31 - 2) * SUB;

/**
 * The bucket of a latency in microseconds: exact below 8 µs, then eight buckets per doubling
 * (log-bucketed, as HdrHistogram does with three significant bits). Constant time: clz32.
 */
export function bucketOf(us: number): number {
  const v = Math.min(MAX_US, Math.max(0, Math.floor(us)));
  if (v < SUB) return v;
  const exponent = 31 - Math.clz32(v);
  return (exponent - 2) * SUB + ((v >>> (exponent - 3)) & (SUB - 1));
}

/** The middle of bucket `b`, in microseconds. */
function bucketMiddle(b: number): number {
  if (b < SUB) return b + 0.5;
  const exponent = Math.floor(b / SUB) + 2;
  const width = 2 ** (exponent - 3);
  return (SUB + (b % SUB)) * width + width / 2;
}

interface MethodRecord {
  count: number;
  readonly buckets: Uint32Array;
  readonly refused: Record<Refusal, number>;
}

/**
 * Per-method request counts, latency histograms and refusals since start, for `status`. The
 * request path pays one Map lookup and one increment (a fixed ~1 KB histogram per method, no
 * samples kept); quantiles are computed only when asked.
 */
export class MethodStats {
  private readonly methods = new Map<string, MethodRecord>();

  /** One answered request of `method` that took `ms`, refused for `refusal` if it was. */
  record(method: string, ms: number, refusal?: Refusal): void {
    let record = this.methods.get(method);
    if (record === undefined) {
      record = {
        count: 0,
        buckets: new Uint32Array(BUCKETS),
        refused: { rateLimit: 0, pending: 0, rejectionBrake: 0 },
      };
      this.methods.set(method, record);
    }
    record.count++;
    (record.buckets[bucketOf(ms * 1000)] as number)++;
    if (refusal !== undefined) record.refused[refusal]++;
  }

  /** Every method seen, by name, with its count, p50 and p99 (ms) and refusals by reason. */
  snapshot(): Record<string, MethodProfile> {
    const out: Record<string, MethodProfile> = {};
    for (const [method, record] of [...this.methods].sort(([a], [b]) => a.localeCompare(b))) {
      out[method] = {
        count: record.count,
        p50Ms: quantileMs(record, 0.5),
        p99Ms: quantileMs(record, 0.99),
        refused: { ...record.refused },
      };
    }
    return out;
  }
}

function quantileMs(record: MethodRecord, q: number): number {
  const rank = Math.max(1, Math.ceil(q * record.count));
  let seen = 0;
  for (let b = 0; b < BUCKETS; b++) {
    seen += record.buckets[b] as number;
    if (seen >= rank) return Math.round(bucketMiddle(b)) / 1000;
  }
  return 0;
}
