/** A plain-text draft names its report on a first line of its own: `tip-report: KHM-2023` (no `---` block). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draft, service, token } from './_lsp-fixtures';

const codes = (text: string, languageId: string) => {
  const { doc } = draft(text, languageId, `file:///drafts/p${Math.random().toString(36).slice(2)}.${languageId === 'plaintext' ? 'txt' : 'md'}`);
  return service().diagnostics(doc, token).map((d) => d.code);
};

test('tip-report: KHM-2023 on the first line of a .txt draft: [@R3] resolves through it', () => {
  assert.deepEqual(codes('tip-report: KHM-2023\nScreen people in immigration detention [@R3].\n', 'plaintext'), []);
});

test('the first line is the report line even with CRLF, quotes and lower case', () => {
  assert.deepEqual(codes('tip-report: "khm-2023"\r\nScreen people in immigration detention [@R3].\r\n', 'plaintext'), []);
});

test('a plain-text draft without it: [@R3] has no report to resolve through', () => {
  assert.deepEqual(codes('Screen people in immigration detention [@R3].\n', 'plaintext'), ['reference.unknown']);
});

test('the report line must come first: later in a plain-text draft it is prose', () => {
  assert.deepEqual(codes('Notes\ntip-report: KHM-2023\nScreen people in immigration detention [@R3].\n', 'plaintext'), ['reference.unknown']);
});

test('a Markdown draft needs the --- block: a bare first line is prose there', () => {
  assert.deepEqual(codes('tip-report: KHM-2023\nScreen people in immigration detention [@R3].\n', 'markdown'), ['reference.unknown']);
});

test('hover on the report id of the first line summarises the report', () => {
  const { doc, at } = draft('tip-report: KHM-^2023\nText.\n', 'plaintext', 'file:///drafts/hover.txt');
  const h = service().hover(doc, at[0], token);
  assert.match(JSON.stringify(h?.contents), /2023 TIP Report — Cambodia/);
});
