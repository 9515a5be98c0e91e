/** `tip-lens --help`: the commands, their options, the exit status and the diagnostic codes. */
import { ALL_CODES } from '../service/codes';
import { VERSION } from '../version';

export const HELP = `tip-lens ${VERSION} — check drafts against the U.S. State Department's Trafficking in Persons Report

Usage:
  tip-lens check FILE|DIR|- …  [options]   check Markdown or text drafts (a folder: its *.md, *.markdown, *.txt)
  tip-lens kb show [options]                print the knowledge base (reports, recommendations, paragraphs, facts)
  tip-lens kb export [options]              write the reports as a bibliography for pandoc --citeproc or Zotero
  tip-lens kb import FILE|- [options]       import a saved country web page, a TIP Report PDF or pasted text (--out DIR,
                                            --edition YEAR, --country NAME|ISO3, --force, --max-pages N)
  tip-lens kb check DIR                     report imported narratives with no paragraphs, no tier or PDF leftovers

Options for check:
  --format text|json|sarif   output format (default text)
  --report PATH              load a narrative: a manifest (.json), a text with a sibling manifest, or a folder (repeatable)
  --default-report ID        report for short references such as [@R3] (front matter tip-report: wins)
  --severity CODE=LEVEL      change a code's severity: error, warning, information, hint, off (repeatable)
  --fix                      apply the fixes that have one right answer and say what changed
  --explain                  after the diagnostics, say for every figure read why it was compared or left alone
Options for kb show:
  --report ID                show only that report (a path loads a narrative, as for check)
  --format text|json         output format (default text)
Options for kb export:
  --report ID                export only that report (a path loads a narrative, as for check)
  --format csl-json|bibtex|ris   bibliography format (default csl-json)
  --items, --no-items        an entry per recommendation and paragraph too (default: with csl-json only)
  --draft FILE               also an entry for every item that draft cites, short keys ([@R13]) included (repeatable)
  -o, --output FILE          write to FILE instead of standard output

Exit status: 0 no error, 1 an error-severity diagnostic, 2 bad usage, unreadable input or a file --fix could not write.
Diagnostic codes: ${ALL_CODES.join(', ')}`;
