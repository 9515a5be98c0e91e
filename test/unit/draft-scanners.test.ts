/**
 * The draft reader's hand-written scanners against the regexes they replace:
 * line shapes (block markers, headings, rules, table separators), fences and
 * indented code, white space, and the sentence splitter (against the regex
 * version it replaced, kept here as the reference).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Span } from '../../server/src/model/kb';
import { allSpace, AUTOLINK, codeSpans, COMMENT, fenceRun, HTML_TAG, indentedCode, keyAt, lineShape, LINK_TARGET, markdownBlocks, maskMarkdown, matchesFrom, readDraft, referenceDefinitions, tableSeparator } from '../../server/src/service/draft';
import { isSpaceCode } from '../../server/src/ingest/chars';
import { BreakFinder, splitSentences, splitSentencesInto } from '../../server/src/ingest/sentences';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20240608;
const params = { seed: SEED, numRuns: 3000 };

/** Characters the scanners treat specially, and a few they must not. */
const UNITS = [' ', ' ', ' ', '\t', '\r', '\n', '\n', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b', '#', '#', '>', '-', '-', '*', '+', '_', '|', ':', '.', '.', ')', '(', '[', ']', '0', '1', '9', '`', '`', '~', '~', '```', '~~~', '\n```', '\n~~~~', 'a', 'b', 'A', 'Z', 'é', 'İ', '\ud835', '\udc00', '“', '‘', '’', '”', '"', "'", '!', '?', '<', '!--', '-->', '@', 'U.S.', 'e.g.', 'Mr.', 'J.', '[^', '[@', '^', '²', '¹', '⁴', '\n00:30 — ', '\n[10/03/2024, 18:07] ', ' 12:05 PM ', ':'];
const textArb = fc.array(fc.constantFrom(...UNITS), { maxLength: 80 }).map((a) => a.join(''));
const lineArb = textArb.map((t) => t.replace(/\n/g, ''));

// The regexes the scanners replace, verbatim.
const MARKER = /^(\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+|\|)?)(?:>\s?)*/;
const OWN = /^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|\||(?:[-*_]\s*){3,}$)/;
const HEADING = /^\s{0,3}#{1,6}\s/;
const RULE = /^\s{0,3}(?:[-*_]\s*){3,}$/;
const TABLE_SEPARATOR = /^\s*\|?[\s:|-]+\|[\s:|-]*$/;
/** A table row inside a block quote ("> | a | b |"): its own block, its text after the '|'. */
const quotedRow = (line: string): boolean => /^\s{0,3}>/.test(line) && line[MARKER.exec(line)![0].length] === '|';
const FENCE_RE = /^( {0,3})(`{3,}|~{3,})/;

/** The regex versions, as they were in draft.ts. */
function markdownBlocksByRegex(prose: string, lineStarts: number[]): Span[] {
  const out: Span[] = [];
  let cur: Span | undefined;
  const close = () => {
    if (cur) out.push(cur);
    cur = undefined;
  };
  for (let l = 0; l < lineStarts.length; l++) {
    const s = lineStarts[l];
    let e = lineStarts[l + 1] ?? prose.length;
    while (e > s && (prose[e - 1] === '\n' || prose[e - 1] === '\r')) e--;
    const line = prose.slice(s, e);
    if (/^\s*$/.test(line)) {
      close();
      continue;
    }
    const marker = MARKER.exec(line);
    const textStart = s + (marker ? marker[0].length : 0) + (quotedRow(line) ? 1 : 0);
    const own = OWN.test(line) || quotedRow(line);
    if (own || !cur) {
      close();
      if (RULE.test(line) || TABLE_SEPARATOR.test(line)) continue;
      cur = { start: textStart, end: e };
      if (HEADING.test(line)) close();
    } else {
      cur.end = e;
    }
  }
  close();
  return out;
}

/** Inline code by CommonMark, as a regex: the oracle for the linear codeSpans. */
const CODE_SPAN_REGEX = /(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g;

function maskMarkdownByRegex(text: string, lineStarts: number[], mask: (s: number, e: number) => void, from: number): void {
  let fence: string | undefined;
  let fenceStart = 0;
  for (let l = 0; l < lineStarts.length; l++) {
    const s = lineStarts[l];
    if (s < from) continue;
    const e = lineStarts[l + 1] ?? text.length;
    const line = text.slice(s, e);
    const m = FENCE_RE.exec(line);
    if (fence === undefined) {
      if (m) {
        fence = m[2];
        fenceStart = s;
      } else if (/^( {4}|\t)/.test(line) && l > 0 && /^\s*$/.test(text.slice(lineStarts[l - 1], s))) {
        mask(s, e);
      }
    } else if (m && m[2][0] === fence[0] && m[2].length >= fence.length && line.trim() === m[2]) {
      mask(fenceStart, e);
      fence = undefined;
    }
  }
  if (fence !== undefined) mask(fenceStart, text.length);
  for (const m of text.matchAll(CODE_SPAN_REGEX)) if (m.index >= from) mask(m.index, m.index + m[0].length);
  for (const m of text.matchAll(/\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)(?:\s+"[^"]*")?\)/g)) mask(m.index + 1, m.index + m[0].length);
  for (const m of text.matchAll(/<(?:https?:|mailto:)[^>\s]+>/gi)) mask(m.index, m.index + m[0].length);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s+\S.*$/gm)) mask(m.index, m.index + m[0].length);
  for (const m of text.matchAll(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g)) mask(m.index, m.index + m[0].length);
}

const ABBREVIATIONS = new Set(['u.s', 'u.n', 'e.g', 'i.e', 'mr', 'mrs', 'ms', 'dr', 'no', 'st', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'etc', 'vs', 'inc', 'ltd', 'co', 'gov', 'p', 'pp', 'para', 'art', 'sec', 'fig', 'approx', 'incl', 'esp', 'est', 'ca', 'cf', 'viz', 'vol', 'ch', 'fn', 'nos']);
function splitSentencesByRegex(text: string, start = 0, end = text.length): Span[] {
  const out: Span[] = [];
  const push = (a: number, b: number) => {
    let e = b;
    while (e > a && /\s/.test(text[e - 1])) e--;
    if (e > a) out.push({ start: a, end: e });
  };
  const isAbbreviation = (sentenceStart: number, dot: number) => {
    let b = dot;
    while (b > sentenceStart && /[\p{L}.]/u.test(text[b - 1])) b--;
    const word = text.slice(b, dot).toLowerCase();
    if (word.length === 1) return true;
    return ABBREVIATIONS.has(word);
  };
  let s = start;
  while (s < end && /\s/.test(text[s])) s++;
  let i = s;
  while (i < end) {
    const c = text[i];
    // A blank line, a line opening with a time stamp (a chat message, a caption) or a list item, or one ending a clause with ';'.
    const stamp = /^[ \t]*(?:\[(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?\]|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?=[ \t,])|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?:[ \t]*[AaPp]\.?[Mm]\.?(?=[ \t])|(?=[ \t]*[-–—|])))/;
    if (c === '\n' && (/^\n[ \t]*\n/.test(text.slice(i, i + 40)) || (i + 1 < end && stamp.test(text.slice(i + 1, Math.min(end, i + 40)))) || /;[ \t]*(?:and|or)?[ \t]*\r?$/.test(text.slice(s, i)) || (i + 1 < end && /^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S/.test(text.slice(i + 1, Math.min(end, i + 12)))))) {
      push(s, i);
      while (i < end && /\s/.test(text[i])) i++;
      s = i;
      continue;
    }
    if (c === '.' || c === '!' || c === '?') {
      // Closers, footnote marks and citations ("…trafficking.[^2] The …"), superscript note numbers.
      let j = i + 1 + /^(?:["'”’)\]¹²³⁰⁴-⁹]|\[[\^@][^\]\n]{0,297}\])*/u.exec(text.slice(i + 1, end))![0].length;
      if (j >= end) break;
      if (!/\s/.test(text[j])) {
        i++;
        continue;
      }
      let k = j;
      while (k < end && /\s/.test(text[k])) k++;
      // Past a block quote's '>' marks once a line has ended.
      while (k < end && /\n/.test(text.slice(j, k)) && /[>\s]/.test(text[k])) k++;
      const next = text[k];
      // Emphasis opening a sentence ("*Trainer's note:* …"): up to three * or _ before an upper-case letter.
      const marks = /^[*_]{1,3}/.exec(text.slice(k, k + 3));
      const afterMarks = marks ? text[k + marks[0].length] : undefined;
      const emphasis = afterMarks !== undefined && (/[A-Z]/.test(afterMarks) || (afterMarks > '\x7f' && /[\p{Lu}\d"'“‘([]/u.test(afterMarks)));
      // A question answered at once by a few words with a number ("Trafficking a child? Up to 25 years.") runs on.
      const rest = text.slice(k, end);
      const answer = /^[^\s.!?]+(?:[ \t]+[^\s.!?]+){0,5}[ \t]*(?:[.!](?=\s|$)|(?=\n|$))/.exec(rest);
      const answered = c === '?' && answer !== null && (answer[0].length < 48 || (answer[0].length === rest.length && rest.length <= 48)) && /\d|\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|zero)|(?:thir|four|fif|six|seven|eigh|nine)teen)\b/i.test(answer[0]);
      if (k < end && (/[\p{Lu}\d"'“‘([]/u.test(next) || emphasis) && !(c === '.' && (isAbbreviation(s, i) || /\.(?: ?\.){3}$/.test(text.slice(s, i + 1)))) && !answered) {
        push(s, j);
        s = k;
        i = k;
        continue;
      }
      i = j;
      continue;
    }
    i++;
  }
  push(s, end);
  return out;
}

function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

describe('draft scanners equal the regexes they replace', () => {
  test('isSpaceCode is /\\s/ on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  test('allSpace, indentedCode, tableSeparator and fenceRun on a line inside a longer text', () => {
    fc.assert(
      fc.property(lineArb, lineArb, lineArb, (before, line, after) => {
        const text = before + line + after;
        const s = before.length;
        const e = s + line.length;
        assert.equal(allSpace(text, s, e), /^\s*$/.test(line));
        assert.equal(indentedCode(text, s, e), /^( {4}|\t)/.test(line));
        assert.equal(tableSeparator(text, s, e), TABLE_SEPARATOR.test(line));
        const m = FENCE_RE.exec(line);
        assert.equal(fenceRun(text, s, e), m ? s + m[1].length : -1);
      }),
      params,
    );
  });

  test('lineShape: text start, own block, heading and rule', () => {
    fc.assert(
      fc.property(lineArb, lineArb, lineArb, (before, line, after) => {
        const text = before + line + after;
        const s = before.length;
        const shape = lineShape(text, s, s + line.length);
        assert.deepEqual(shape, { textStart: s + MARKER.exec(line)![0].length + (quotedRow(line) ? 1 : 0), own: OWN.test(line) || quotedRow(line), heading: HEADING.test(line), rule: RULE.test(line) });
      }),
      params,
    );
  });

  test('markdownBlocks and maskMarkdown on whole texts', () => {
    fc.assert(
      fc.property(textArb, fc.nat(20), (text, fromRaw) => {
        const starts = lineStartsOf(text);
        assert.deepEqual(markdownBlocks(text, starts), markdownBlocksByRegex(text, starts));
        const from = Math.min(fromRaw, text.length);
        const got: [number, number][] = [];
        const want: [number, number][] = [];
        maskMarkdown(text, starts, (a, b) => got.push([a, b]), from);
        maskMarkdownByRegex(text, starts, (a, b) => want.push([a, b]), from);
        assert.deepEqual(got, want);
      }),
      params,
    );
  });

  test('a footnote mark or a citation after the full stop still ends the sentence: "…one for sex trafficking.[^2] The four-year term…"', () => {
    for (const mark of ['[^2]', '[@KHM-2022/prosecution.2]', '²', '"[^n3]']) {
      const text = `The government convicted 38 traffickers.${mark}\nThe four-year term went to the general.`;
      const spans = splitSentences(text).map((s) => text.slice(s.start, s.end));
      assert.deepEqual(spans, [`The government convicted 38 traffickers.${mark}`, 'The four-year term went to the general.']);
    }
  });

  test('a line opening with a time stamp starts a sentence: "00:30 — ON SCREEN: 64 people prosecuted\\n00:32 — ON SCREEN: 109 suspects"', () => {
    for (const [a, b] of [['00:30 — ON SCREEN: 64 people prosecuted', '00:32 — ON SCREEN: 109 suspects'], ['[10/03/2024, 18:07] Priya: KHM on Tier 2', '[10/03/2024, 18:09] Priya: 38 convs'], ['12:05 PM Sam: the report says 38', '12:06 PM Ana: no, 83']]) {
      const text = `${a}\n${b}`;
      assert.deepEqual(splitSentences(text).map((s) => text.slice(s.start, s.end)), [a, b]);
    }
    // Not a clock inside a line, nor a ratio opening one that is no stamp ("3:1 odds").
    const text = 'Courts sat from 9:00 to\n5:30 daily and heard 3:1 odds.';
    assert.equal(splitSentences(text).length, 1);
  });

  test('splitSentences equals the regex splitter, on whole texts and on sub-ranges', () => {
    fc.assert(
      fc.property(textArb, fc.nat(90), fc.nat(90), (text, a, b) => {
        assert.deepEqual(splitSentences(text), splitSentencesByRegex(text));
        const start = Math.min(a, b, text.length);
        const end = Math.min(Math.max(a, b), text.length);
        assert.deepEqual(splitSentences(text, start, end), splitSentencesByRegex(text, start, end));
      }),
      params,
    );
  });

  test('splitSentencesInto with one BreakFinder over many ranges, in any order, equals the regex splitter range by range', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.tuple(fc.nat(90), fc.nat(90)), { maxLength: 8 }), (text, ranges) => {
        const finder = new BreakFinder(text);
        for (const [a, b] of ranges) {
          const start = Math.min(a, b, text.length);
          const end = Math.min(Math.max(a, b), text.length);
          const got: Span[] = [];
          splitSentencesInto(got, text, start, end, finder);
          assert.deepEqual(got, splitSentencesByRegex(text, start, end));
        }
      }),
      params,
    );
  });

  test('prose keeps every offset and line break: each character is the draft\'s own or a space, and inline code or a URL is blanked', () => {
    const pieces = fc.constantFrom('`code`', '``a`b``', 'see https://example.org/x?y=1 now', '<!-- c\r\nd -->', '[t](http://a.b/c)', '<b>', '\n```\nx\r\ny\n```\n', 'word', ' ', '\n', '\r\n', '\r', '’', '.');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, textArb), { maxLength: 12 }), fc.constantFrom('markdown', 'plaintext'), (chunks, languageId) => {
        const text = chunks.join('');
        const { prose } = readDraft(text, languageId);
        assert.equal(prose.length, text.length);
        for (let i = 0; i < text.length; i++) {
          const c = text[i];
          if (c === '\n' || c === '\r') assert.equal(prose[i], c);
          else assert.ok(prose[i] === c || prose[i] === ' ', `offset ${i}`);
        }
        if (languageId === 'markdown' && text === 'a `code` b') assert.equal(prose, 'a        b');
      }),
      params,
    );
    assert.equal(readDraft('a `code` b https://x.org/y\r\n<!-- x\ny -->z', 'markdown').prose, 'a        b                \r\n      \n     z');
  });

  test('keyAt finds the keys the citation key regex captured, at the same offsets', () => {
    const keyUnits = fc.constantFrom('@', '@', '-', '-@', 'a', 'Z', '0', '9', '_', '.', '/', ':', ';', ' ', ',', 'KHM-2023', 'R3', 'prosecution.2', 'é', 'see', '\t', '[', 'x@');
    fc.assert(
      fc.property(fc.array(keyUnits, { maxLength: 20 }).map((a) => a.join('')), lineArb, (inside, before) => {
        const text = before + inside + before;
        const inner = before.length;
        const want: [number, string][] = [];
        for (const k of inside.matchAll(/(?<![\w@])-?@([A-Za-z0-9][\w./:-]*)/g)) want.push([inner + k.index + k[0].indexOf('@'), k[1]]);
        const got: [number, string][] = [];
        for (let at = text.indexOf('@', inner); at >= 0 && at < inner + inside.length; at = text.indexOf('@', at + 1)) {
          const key = keyAt(text, at, inner, inner + inside.length);
          if (key !== undefined) got.push([at, key]);
        }
        assert.deepEqual(got, want);
      }),
      params,
    );
  });

  test('matchesFrom and referenceDefinitions give what matchAll of the global regexes gave', () => {
    const units = fc.constantFrom('<', '<!--', '-->', '>', '/', '`', '``', ']', '](', '(', ')', '"', '[', ']:', 'a', 'B', '-', ' ', '  ', '\n', '\t', 'http:', 'HTTPS:', 'mailto:', 'x', 'b>', '\r', '\u2028', '\u2029', 'é', '[a\n', '[b]: c', ']: ', ' [r]: s\n');
    const cases: [string, RegExp, RegExp][] = [
      ['<!--', COMMENT, /<!--([\s\S]*?)(?:-->|$)/g],
      ['](', LINK_TARGET, /\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)(?:\s+"[^"]*")?\)/g],
      ['<', AUTOLINK, /<(?:https?:|mailto:)[^>\s]+>/gi],
      ['<', HTML_TAG, /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g],
    ];
    const shape = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, m[0], m[1]]);
    fc.assert(
      fc.property(fc.array(units, { maxLength: 40 }).map((a) => a.join('')), fc.boolean(), (raw, plain) => {
        const text = plain ? raw.replace(/[\r\u2028\u2029]/g, '') : raw;
        for (const [first, sticky, global] of cases) assert.deepEqual(shape(matchesFrom(text, first, sticky)), shape(text.matchAll(global)), String(global));
        assert.deepEqual(shape(referenceDefinitions(text, lineStartsOf(text))), shape(text.matchAll(/^ {0,3}\[[^\]]+\]:\s+\S.*$/gm)));
      }),
      params,
    );
  });

  test('codeSpans gives the spans of the CommonMark regex (an opener is a whole run of backticks, closed by the next run of its length)', () => {
    const units = fc.constantFrom('`', '``', '```', 'a', ' ', '\n', 'b`', '`c', 'é');
    fc.assert(
      fc.property(fc.array(units, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        assert.deepEqual(codeSpans(text), [...text.matchAll(CODE_SPAN_REGEX)].map((m) => [m.index, m.index + m[0].length]));
      }),
      params,
    );
    assert.deepEqual(codeSpans('a `x` b ``y`z`` c ` d'), [[2, 5], [8, 15]]);
  });

  test('fences: the closing fence needs the same character, at least the opening length and nothing but white space after it', () => {
    const cases = ['```\ncode\n```\nafter', '````\ncode\n```\nstill\n````\nafter', '~~~\ncode\n```\n~~~ \r\nafter', '```js\ncode\n``` x\n```\n', '   ```\nx\n    ```\ny', 'a\n\n    indented\n\tindented\nnot'];
    for (const text of cases) {
      const starts = lineStartsOf(text);
      const got: [number, number][] = [];
      const want: [number, number][] = [];
      maskMarkdown(text, starts, (a, b) => got.push([a, b]), 0);
      maskMarkdownByRegex(text, starts, (a, b) => want.push([a, b]), 0);
      assert.deepEqual(got, want, JSON.stringify(text));
    }
  });
});
