/** Drafts that made the checker quadratic when it was probed (issue 13, item 4): the ratio test and the bench share them. */

/** Each repeated until the draft has the size wanted: none has a sentence end, so it is one huge "sentence". */
export const PATHOLOGICAL: Record<string, string> = {
  'backticks': '`',
  'one number repeated (83 83 …)': '83 ',
  'thousands (1,000 1,000 …)': '1,000 ',
  'straight quotes': '"',
  'mixed quotes': '"\u201c\u201d\'',
  'single quotes and apostrophes (‘it’s ‘x y …)': " \u2018it\u2019s \u2018x y 'a b's ",
  'a quoted phrase repeated ("forced labor" …)': '"forced labor" ',
  'tiers (Tier 2 Tier 2 …)': 'Tier 2 ',
  'years (2021 2021 …)': '2021 ',
  'ranges (seven to seven to …)': 'seven to ',
  'percentages (100% …)': '100% ',
  'footnote marks ([^1] …)': '[^1] ',
  'one long table row': '| 38 | x ',
  'year spans (from 2019 to …)': 'from 2019 to ',
  // Each citation used to search back for a ';' over the whole draft (reference.mismatch): quadratic.
  'cited sentences (… [@KHM-2023/R13]. …)': 'Courts should allow restitution upon conviction [@KHM-2023/R13]. ',
  'cited figures (… 38 traffickers [@KHM-2022/prosecution.2]. …)': 'In 2021 the government convicted 38 traffickers [@KHM-2022/prosecution.2]. ',
  'a country named in every sentence of one paragraph (… Cambodia convicted 38 …)': 'Cambodia convicted 38 traffickers in 2021. ',
  'a country code in every sentence (… KHM convicted 38 …)': 'KHM convicted 38 traffickers in 2021. ',
  'quiz options and fact-check rows (… (a) 38 … | 38 | FALSE | …)': 'Q. How many traffickers did Cambodia convict in 2021?\n(a) 38 traffickers\n(b) 83 traffickers\n| 38 traffickers convicted | FALSE | [@KHM-2022/prosecution.2] |\n',
};

export function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}
