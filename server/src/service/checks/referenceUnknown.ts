/** reference.unknown: a citation that names a report or item no loaded report has (found while reading the draft). */
import { Code } from '../codes';
import type { Check } from './types';

export const referenceUnknownCheck: Check = {
  name: 'reference.unknown',
  codes: [Code.ReferenceUnknown],
  start: ({ input, problems }) => {
    for (const ref of input.references) {
      if (!ref.problem) continue;
      problems.push({
        code: Code.ReferenceUnknown,
        span: ref.span,
        message: ref.problem,
        partialSource: ref.partialSource,
        data: { code: Code.ReferenceUnknown, anchor: ref.raw, reportId: ref.reportId ?? '' },
      });
    }
  },
};
