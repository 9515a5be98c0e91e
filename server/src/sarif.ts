/** SARIF 2.1.0 output for code scanning (GitHub and others): one run, a rule per diagnostic code, results with fixes. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_CODES, CODE_HELP } from './service/codes';
import { DEFAULT_SEVERITY } from './service/settings';
import { fixEdit } from './service/fixes';

export interface SarifInput {
  file: string;
  text: string;
  diagnostics: Diagnostic[];
}

const LEVEL = ['none', 'error', 'warning', 'note', 'note'] as const;

function region(doc: TextDocument, start: number, end: number) {
  const s = doc.positionAt(start);
  const e = doc.positionAt(end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, charOffset: start, charLength: end - start };
}

function artifactUri(file: string): string {
  return file === '-' ? 'stdin' : file.split(/[\\/]/).map(encodeURIComponent).join('/').replace(/^\.\//, '');
}

export function toSarif(inputs: SarifInput[], version: string) {
  const rules = ALL_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|[.-])(\w)/g, (_m, _a: string, b: string) => b.toUpperCase()),
    shortDescription: { text: CODE_HELP[code].split('. ')[0].replace(/\.$/, '') + '.' },
    fullDescription: { text: CODE_HELP[code] },
    help: { text: `${CODE_HELP[code]} Change its severity with the setting tipLens.severity.${code} or silence one line with <!-- tip-lens-disable-next-line ${code} -->.`, markdown: `${CODE_HELP[code]}\n\nChange its severity with \`tipLens.severity\` (\`"${code}": "warning"\`) or silence one line with \`<!-- tip-lens-disable-next-line ${code} -->\`.` },
    defaultConfiguration: { level: DEFAULT_SEVERITY[code] === 'error' ? 'error' : DEFAULT_SEVERITY[code] === 'warning' ? 'warning' : 'note' },
  }));
  const results = inputs.flatMap((input) => {
    const doc = TextDocument.create('file:///x', 'markdown', 1, input.text);
    const uri = artifactUri(input.file);
    return input.diagnostics.map((d) => {
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      const ruleIndex = ALL_CODES.indexOf(d.code as (typeof ALL_CODES)[number]);
      const result: Record<string, unknown> = {
        ruleId: String(d.code),
        ruleIndex,
        level: LEVEL[d.severity ?? 1],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(doc, start, Math.max(end, start)) } }],
        partialFingerprints: { 'tipLens/v1': `${d.code}:${(d.data as { anchor?: string } | undefined)?.anchor ?? ''}:${doc.getText(d.range)}` },
        properties: { anchor: (d.data as { anchor?: string } | undefined)?.anchor ?? null },
      };
      const edit = fixEdit(doc, d);
      if (edit) {
        const es = doc.offsetAt(edit.range.start);
        const ee = doc.offsetAt(edit.range.end);
        const title = (d.data as { fixTitle?: string } | undefined)?.fixTitle ?? 'Apply the fix';
        result.fixes = [{ description: { text: title }, artifactChanges: [{ artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: region(doc, es, ee), insertedContent: { text: edit.newText } }] }] }];
      }
      return result;
    });
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'TIP Lens', semanticVersion: version, version, informationUri: 'https://github.com/tip-lens/tip-lens', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file://' + process.cwd().split('/').map(encodeURIComponent).join('/') + '/' } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
