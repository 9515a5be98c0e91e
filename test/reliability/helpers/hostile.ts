/** Hostile text for property tests: fragments an editor can hand the engine, glued at random. */
import fc from 'fast-check';

export const FRAGMENTS: readonly string[] = [
  'In 2021, Cambodia convicted 83 traffickers.',
  'In 2021, the Cambodian government convicted 83 traffickers.',
  'The government identified 5,000 victims in 2022 [@KHM-2023/R1].',
  'Cambodia remained on Tier 2 Watch List.',
  'The report says “the government did not fully meet the minimum standards”.',
  '"increase efforts to investigate"',
  '[@KHM-2023/R1]', '[@KHM-2022/prosecution.2; @R5]', '[@R', '[@KHM-2023/', '[@]', '[@ZZZ-1999/R99]', '@KHM-2023',
  '---\ntip-report: KHM-2023\n---\n', '---\ntip-report: [1, 2\n---\n',
  '```\n', '~~~ts\n', '<!-- ', ' -->', '<!-- tip-lens-disable figure.mismatch -->', '`83`',
  '[link](http://example.com/83)', '# Heading 83\n', '> quote 38\n', '- item 12\n', '| a | 1 |\n',
  '\r\n', '\r', '\n', '\n\n', '\t', ' ', '\u00a0', '\u2028', '\f',
  '😀', '👩‍👩‍👧', '🇰🇭', '\u{1F600}\u{1F601}', '\ud800', '\udfff', '\udc00x\ud83d',
  '\u0000', '\u0007', '\ufeff', '\u200b', '\u202e', '\ufffd',
  'ព្រះរាជាណាចក្រកម្ពុជា', 'ក្រុម ៨៣ នាក់', 'é', 'e\u0301\u0301\u0327', 'Z\u0363\u036b\u0310', 'ﬁ', 'İ', 'ß',
  'العربية ٨٣', '中文 八十三', 'русский',
  '0', '83', '38', '1,000', '5.000', '12.5%', '3–5', '10 to 20 years', '2021', '2023', '1e9', '99999999999999999999',
  'eighty-three', 'thirty-eight', 'one hundred', 'dozens of', 'more than', 'at least', 'nearly',
  '“', '”', '‘', '’', '"', "'", '«', '»', '…', '—', '-', '- ', ':', ';', '.', '. ', '?', '!',
  'Tier 3', 'Tier 2 Watch List', 'upgraded to Tier 2', 'KHM-2023', 'prosecution', 'traffickers', 'victims', 'convicted', 'sentenced',
];

/** Random code units, including lone surrogates and controls. */
const rawUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((a) => String.fromCharCode(...a));
/** Bytes decoded as UTF-8 the way an editor would show a binary file. */
const binaryAsText = fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b).toString('utf8'));

export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: rawUnits },
  { weight: 1, arbitrary: binaryAsText },
);

/** A TIP-like claim with random year, subject, verb, number, noun and citation: the engine's real work. */
export const tipSentence: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('In 2021, ', 'In 2022, ', 'During the reporting period, ', 'In 2020 ', ''),
    fc.constantFrom('Cambodia ', 'the Cambodian government ', 'the government ', 'authorities ', 'Thailand '),
    fc.constantFrom('convicted ', 'prosecuted ', 'investigated ', 'identified ', 'sentenced ', 'remained on ', 'reported '),
    fc.oneof(fc.constantFrom('83', '38', '1,000', 'eighty-three', 'at least 12', 'more than 4,000', '10 to 20', 'Tier 2', 'Tier 3'), fc.nat({ max: 100000 }).map(String)),
    fc.constantFrom(' traffickers', ' victims', ' suspects', ' cases', ' years', ' Watch List', ''),
    fc.constantFrom('', ' [@KHM-2022/prosecution.2]', ' [@KHM-2023/R1]', ' [@R3]', ' [@KHM-2023/R99]'),
    fc.constantFrom('.', '. ', '.\r\n', '.\n\n', '!', ''),
    hostilePiece,
  )
  .map((a) => a.join(''));

export const hostileText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: hostilePiece }, { weight: 1, arbitrary: tipSentence }), { maxLength: 40, size: 'medium' })
  .map((a) => a.join(''));

export const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
export const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair of `text`. */
export function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** Seed for every property run: FC_SEED=… reproduces one; default fixed so CI is deterministic. */
export const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20240608;
export const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 300;
