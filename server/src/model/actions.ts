/**
 * The actions a figure can count ("prosecuted 109", "38 convictions"), as data: one entry per action.
 * The `Action` type (model/kb.ts), the words that read an action in a report or a draft, the unit noun
 * that carries one ("38 convictions" counts convictions) and the messages' wording are all derived from
 * this table: a new action is one entry here, and its fixtures.
 */
export interface ActionEntry {
  /** Every word form that states the action (lower case, one token each). */
  readonly words: readonly string[];
  /** The unit noun that carries the action by itself ("convictions"), if there is one. */
  readonly unit?: string;
}

export const ACTIONS = {
  prosecuted: { words: ['prosecuted', 'prosecutes', 'prosecute', 'prosecuting', 'prosecution', 'prosecutions', 'prosecutor', 'prosecutors', 'charged', 'indicted', 'tried', 'trial', 'trials'], unit: 'prosecutions' },
  convicted: { words: ['convicted', 'convicts', 'convict', 'convicting', 'conviction', 'convictions'], unit: 'convictions' },
  arrested: { words: ['arrested', 'arrests', 'arrest', 'arresting', 'detained', 'apprehended'], unit: 'arrests' },
  investigated: { words: ['investigated', 'investigates', 'investigate', 'investigating', 'probed'], unit: 'investigations' },
  identified: { words: ['identified', 'identifies', 'identify', 'identifying'] },
  trained: { words: ['trained', 'trains', 'train', 'training', 'trainings'] },
  referred: { words: ['referred', 'referring', 'referral', 'referrals', 'refer', 'refers'] },
  sentenced: { words: ['sentenced', 'sentences', 'sentence', 'sentencing', 'jailed', 'imprisoned'] },
  exploited: { words: ['exploited', 'exploiting', 'exploits', 'exploit'] },
} as const satisfies Record<string, ActionEntry>;
