/**
 * Ingesting user-loaded narratives while the server is idle, so the first check, hover or completion
 * that looks into one does not pay for it. Runs in slices of a few milliseconds between I/O callbacks
 * (setImmediate), so a request that arrives is read and answered at once; the server cancels the
 * warm-up on every request and resumes it once requests stop for a while.
 *
 * Not every narrative: the reports the open drafts name, then the newest edition of each country (what
 * checks, hovers and the search look at first), at most WARM_MAX in all. Ingesting 4,000 narratives
 * would take seconds of CPU and double the server's memory for reports most sessions never read.
 */
import { isIngested } from '../ingest';
import type { KnowledgeBase, Report } from '../model/kb';

/** At most this many reports are warmed (about 2.6 ms and 47 KB each: well under a second, a few MB). */
export const WARM_MAX = 256;
/** Length of one slice of work before the event loop gets a turn, in ms. */
const SLICE_MS = 4;

/** Which reports to ingest ahead of use, in order: those named in `texts` (the open drafts), then the newest edition of each country. */
export function warmUpOrder(kb: KnowledgeBase, texts: Iterable<string>, max = WARM_MAX): Report[] {
  const out: Report[] = [];
  const seen = new Set<Report>();
  const add = (r: Report | undefined) => {
    if (r && !seen.has(r) && out.length < max) {
      seen.add(r);
      if (!isIngested(r)) out.push(r);
    }
  };
  for (const t of texts) for (const m of t.matchAll(/\b[A-Za-z]{3}-\d{4}\b/g)) add(kb.get(m[0]));
  const newest = new Map<string, Report>();
  for (const r of kb.reports.values()) {
    const n = newest.get(r.manifest.iso3);
    if (!n || r.manifest.edition > n.manifest.edition) newest.set(r.manifest.iso3, r);
  }
  for (const r of newest.values()) add(r);
  return out;
}

export interface WarmUp {
  /** Stops the work until resume (a request came in). */
  pause(): void;
  /** Goes on where it stopped, on the next turn of the event loop. */
  resume(): void;
  /** Stops for good (the knowledge base was replaced, or shutdown). */
  cancel(): void;
  readonly done: boolean;
  /** Reports ingested so far. */
  readonly warmed: number;
}

/** Starts ingesting `reports` in slices; `onDone` gets the count and the time spent ingesting. */
export function startWarmUp(reports: readonly Report[], onDone?: (count: number, ms: number) => void): WarmUp {
  let next = 0;
  let paused = false;
  let cancelled = false;
  let pending: NodeJS.Immediate | undefined;
  let busyMs = 0;
  const step = () => {
    pending = undefined;
    if (paused || cancelled) return;
    const t0 = performance.now();
    const until = t0 + SLICE_MS;
    do {
      const r = reports[next++];
      if (r && !isIngested(r)) void r.facts; // the first read ingests it
    } while (next < reports.length && performance.now() < until);
    busyMs += performance.now() - t0;
    if (next < reports.length) pending = setImmediate(step);
    else onDone?.(reports.length, busyMs);
  };
  const schedule = () => {
    if (!pending && !cancelled && next < reports.length) pending = setImmediate(step);
  };
  schedule();
  if (reports.length === 0) onDone?.(0, 0);
  return {
    pause() {
      paused = true;
      if (pending) clearImmediate(pending);
      pending = undefined;
    },
    resume() {
      paused = false;
      schedule();
    },
    cancel() {
      cancelled = true;
      if (pending) clearImmediate(pending);
      pending = undefined;
    },
    get done() {
      return cancelled || next >= reports.length;
    },
    get warmed() {
      return next;
    },
  };
}
