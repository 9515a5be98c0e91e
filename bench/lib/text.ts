/** Small text helpers shared by the generators. */
import type { Rng } from './prng';

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** The TIP Report's house style: one to nine in words, 10 and up in digits with thousands separators. */
export function num(n: number): string {
  if (Number.isInteger(n) && n >= 0 && n < 10) return SMALL[n];
  return n.toLocaleString('en-US');
}

/** Digits with separators, always. */
export function digits(n: number): string {
  return n.toLocaleString('en-US');
}

/** Capitalise the first letter (for a sentence starting with a number word). */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Expands `{a|b|c}` alternations (nestable) with the generator, so one template
 * yields many wordings: "Increase {efforts|resources} to {investigate|prosecute}".
 */
export function expand(template: string, rng: Rng): string {
  let out = '';
  let i = 0;
  const parseGroup = (): string => {
    // at '{'
    i++;
    const options: string[] = [];
    let cur = '';
    while (i < template.length && template[i] !== '}') {
      const ch = template[i];
      if (ch === '{') cur += parseGroup();
      else if (ch === '|') {
        options.push(cur);
        cur = '';
        i++;
      } else {
        cur += ch;
        i++;
      }
    }
    i++; // '}'
    options.push(cur);
    return rng.pick(options);
  };
  while (i < template.length) {
    if (template[i] === '{') out += parseGroup();
    else out += template[i++];
  }
  return out.replace(/ {2,}/g, ' ').replace(/ ([,.;])/g, '$1');
}

/** "a, b, and c" */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}
