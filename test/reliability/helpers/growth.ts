/**
 * Growth of running time as a ratio measured in one process, never as a wall-clock limit.
 *
 * A busy machine (CI runs two test files at once on two cores) can only make a run slower, never faster,
 * so each size is timed as the fastest of several runs, and a ratio over the limit is measured again (up
 * to `attempts` times), keeping the smallest: noise does not repeat itself, superlinear growth does.
 * When the small size runs in under `minMs` the sizes are doubled first, so that timer resolution and
 * a single garbage collection cannot pass for growth.
 */
export interface GrowthOptions {
  /** The small size to start from (characters, edits …). */
  size: number;
  /** The large size is `factor` times the small one. */
  factor: number;
  /** The ratio that must not be exceeded. */
  limit: number;
  /** Grow the small size (doubling) until it takes at least this long … */
  minMs?: number;
  /** … but never beyond this size. */
  maxSize?: number;
  attempts?: number;
}

export interface Growth {
  small: number;
  large: number;
  ratio: number;
  size: number;
  attempts: number;
}

export function measureGrowth(time: (size: number) => number, options: GrowthOptions): Growth {
  const { factor, limit, minMs = 0, maxSize = options.size, attempts = 3 } = options;
  let size = options.size;
  time(Math.max(1, Math.floor(size / 4))); // warm up the JIT
  while (size * 2 <= maxSize && time(size) < minMs) size *= 2;
  let best: Growth | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const small = time(size);
    const large = time(size * factor);
    const ratio = large / small;
    if (!best || ratio < best.ratio) best = { small, large, ratio, size, attempts: attempt };
    if (ratio <= limit) break;
  }
  return best!;
}

/** The fastest of `runs` timings of `run`. */
export function fastest(runs: number, run: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}
