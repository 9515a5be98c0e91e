/** The real engine on the bundled knowledge base, with in-memory documents (unit tests only). */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { loadKnowledgeBase } from '../../server/src/node/loadReports';
import { createTipLensService } from '../../server/src/service/index';
import { defaultSettings, type TipLensSettings } from '../../server/src/service/settings';
import { NEVER_CANCELLED } from '../../server/src/service/types';

export const kb = loadKnowledgeBase();
let n = 0;

export function doc(text: string, languageId = 'markdown'): TextDocument {
  return TextDocument.create(`file:///draft-${n++}.md`, languageId, 1, text);
}

export function diagnose(text: string, settings: Partial<TipLensSettings> = {}, languageId = 'markdown'): { doc: TextDocument; diagnostics: Diagnostic[] } {
  const s = { ...defaultSettings(), ...settings };
  const service = createTipLensService({ kb, settings: s });
  const d = doc(text, languageId);
  return { doc: d, diagnostics: service.diagnostics(d, NEVER_CANCELLED) };
}
