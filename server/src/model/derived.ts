/**
 * Data worked out from a knowledge-base object on first use — a report's word index or line table, a fact's
 * anchor, a knowledge base's retrieval index — kept on that object itself, so that it lives and dies with
 * it: owned by the knowledge base, not by a module. A report re-loaded is a new object and starts empty;
 * nothing derived from an old text can be found through a new one.
 *
 *   const LINES = derivedKey<number[]>('line starts');
 *   const lines = derived(report, LINES, () => lineStartsOf(report.text));
 */

/** Names one kind of derived data, and its type. */
export interface DerivedKey<T> {
  readonly name: string;
  /** Only for the type: never set. */
  readonly type?: T;
}

export function derivedKey<T>(name: string): DerivedKey<T> {
  return { name };
}

const SLOTS = Symbol('tip-lens derived data');

type Owner = object & { [SLOTS]?: Map<DerivedKey<unknown>, unknown> };

/** The `key` data of `owner`, made by `make` the first time it is asked for. Not enumerable: JSON and copies leave it out. */
export function derived<T>(owner: object, key: DerivedKey<T>, make: () => T): T {
  const o = owner as Owner;
  let slots = o[SLOTS];
  if (!slots) {
    slots = new Map();
    Object.defineProperty(o, SLOTS, { value: slots, enumerable: false, configurable: false, writable: false });
  }
  if (slots.has(key)) return slots.get(key) as T;
  const value = make();
  slots.set(key, value);
  return value;
}
