/** Searching sorted lists (spans, mentions, references, years — all in document order). */

/** The first index of `arr` at which `pred` holds, for a `pred` that is false then true along the array (binary search); arr.length if none. */
export function lowerBound<T>(arr: readonly T[], pred: (x: T) => boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(arr[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
