/** The edit Write Bibliography offers: `bibliography:` added to a draft's front matter, never twice. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { bibliographyEdit } from '../../client/src/bibliographyFrontMatter';
import { readDraft } from '../../server/src/service/draft';

const apply = (text: string, file: string) => {
  const e = bibliographyEdit(text, file);
  return e ? text.slice(0, e.start) + e.text + text.slice(e.end) : undefined;
};

test('no front matter: a new block at the top', () => {
  assert.equal(apply('# Brief\n', 'tip-lens.json'), '---\nbibliography: tip-lens.json\n---\n\n# Brief\n');
});

test('front matter without bibliography: a line at its end (CRLF kept)', () => {
  assert.equal(apply('---\ntitle: T\ntip-report: KHM-2023\n---\nText\n', 'refs/tip.json'), '---\ntitle: T\ntip-report: KHM-2023\nbibliography: refs/tip.json\n---\nText\n');
  assert.equal(apply('---\r\ntitle: T\r\n---\r\nText\r\n', 'tip.json'), '---\r\ntitle: T\r\nbibliography: tip.json\r\n---\r\nText\r\n');
});

test('a single value becomes a list; a list gets an item; a file named already is not added again', () => {
  assert.equal(apply('---\nbibliography: zotero.bib\ntitle: T\n---\n', 'tip.json'), '---\nbibliography:\n- zotero.bib\n- tip.json\ntitle: T\n---\n');
  assert.equal(apply('---\nbibliography:\n  - a.bib\n  - b.json\ntitle: T\n---\n', 'tip.json'), '---\nbibliography:\n  - a.bib\n  - b.json\n  - tip.json\ntitle: T\n---\n');
  assert.equal(apply('---\nbibliography: "tip.json"\n---\n', 'tip.json'), undefined);
  assert.equal(apply('---\nbibliography:\n- x.bib\n- tip.json\n---\n', 'tip.json'), undefined);
  assert.equal(apply('---\nbibliography: [a.bib]\n---\n', 'tip.json'), undefined);
});

test('what it writes is YAML the engine reads back as the bibliography (odd names quoted)', () => {
  for (const [text, file] of [
    ['---\ntitle: "A: b"\n---\nX\n', 'my refs: 2024.json'],
    ['Plain\n', '#tip.json'],
    ['---\nbibliography: z.bib\n---\n', '../shared/tip lens.json'],
  ]) {
    const out = apply(text, file)!;
    const fm = readDraft(out, 'markdown').frontMatter;
    assert.ok(fm?.bibliography?.includes(file), `${JSON.stringify(out)} → ${JSON.stringify(fm)}`);
    assert.ok(parse(out.split(/^---$/m)[1]));
  }
});
