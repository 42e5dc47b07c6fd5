/** Percentiles and the timing loop every measurement of the bench shares. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of already sorted samples. */
function rank(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: rank(sorted, 50),
    p95: rank(sorted, 95),
    p99: rank(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

/**
 * Times `run` once per query per round (after one untimed warm-up pass), in
 * milliseconds. Stops early, after at least one timed pass, once `budgetMs` is
 * spent: a slow engine (one letter over a million users) then yields fewer
 * samples instead of an endless bench; `n` in the table says how many.
 */
export async function timeQueries(
  queries: readonly string[],
  rounds: number,
  budgetMs: number,
  run: (query: string) => Promise<unknown>,
): Promise<number[]> {
  const started = performance.now();
  for (const q of queries) await run(q);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      await run(q);
      samples.push(performance.now() - t0);
    }
    if (performance.now() - started > budgetMs) break;
  }
  return samples;
}

/** Milliseconds for a table cell: three significant-ish digits. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return value.toFixed(3);
  if (value < 100) return value.toFixed(2);
  return value.toFixed(0);
}

/** Runs `work` and rejects when it takes longer than `limitMs` (every step of the bench is bounded). */
export async function bounded<T>(what: string, limitMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: gave up after ${Math.round(limitMs / 1000)} s`)), limitMs);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
