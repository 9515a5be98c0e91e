/**
 * Every check, in the order they run. A new check is one file with a `Check` and one line here; the
 * orchestrator (../check.ts) and the front ends need no change. reference.mismatch and citation.missing come
 * last: they read the matches the others found.
 */
import { citationMissingCheck } from './citationMissing';
import { figureCheck } from './figures';
import { quoteCheck } from './quotes';
import { referenceMismatchCheck } from './referenceMismatch';
import { referenceUnknownCheck } from './referenceUnknown';
import { tierCheck } from './tiers';
import type { Check } from './types';

export const CHECKS: readonly Check[] = [referenceUnknownCheck, figureCheck, tierCheck, quoteCheck, referenceMismatchCheck, citationMissingCheck];
