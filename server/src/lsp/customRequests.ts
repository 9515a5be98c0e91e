/** TIP Lens's own requests (requests.ts): each checks its parameters, then asks the engine. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { BibliographyParams, CheckDocumentParams, CiteSentenceParams, CoverageParams, ImportReportParams, ReportTextParams, SearchItemsParams } from '../protocol';
import { BibliographyRequest, CheckDocumentRequest, CiteSentenceRequest, CoverageRequest, ImportReportRequest, ReportTextRequest, SearchItemsRequest } from '../requests';
import { importReportRequest } from '../importRequest';
import { BadParams, isObject, positionOf, queryOf } from './params';
import { engine, type Session } from './session';

const bibliographyExport = () => require('../node/exportBibliography') as typeof import('../node/exportBibliography');

const MAX_CHECK_CHARS = 10 * 1024 * 1024;

export function registerCustomRequests(s: Session): void {
  const c = s.connection;
  c.onRequest(
    ReportTextRequest,
    s.handle(ReportTextRequest.method, (params: ReportTextParams) => {
      if (!isObject(params) || typeof params.uri !== 'string') throw new BadParams('expected {uri: "tip-lens:/KHM-2023.txt"}');
      return s.svc().reportText(params.uri);
    }),
  );
  c.onRequest(
    CoverageRequest,
    s.handle(CoverageRequest.method, (params: CoverageParams, token) => {
      if (!isObject(params) || typeof params.uri !== 'string') throw new BadParams('expected {uri}');
      const doc = s.usable(params.uri);
      return doc ? s.svc().coverage(doc, token) : null;
    }),
  );
  c.onRequest(
    SearchItemsRequest,
    s.handle(SearchItemsRequest.method, (params: SearchItemsParams, token) => {
      const query = queryOf(params, 'expected {query: string, uri?, limit?}', true);
      const doc = isObject(params) && typeof params.uri === 'string' ? s.usable(params.uri) : undefined;
      const limit = typeof params.limit === 'number' && params.limit > 0 ? Math.min(Math.floor(params.limit), 500) : undefined;
      return s.svc().searchItems(query, doc, limit, token);
    }),
  );
  c.onRequest(
    CiteSentenceRequest,
    s.handle(CiteSentenceRequest.method, (params: CiteSentenceParams, token) => {
      if (!isObject(params) || typeof params.uri !== 'string') throw new BadParams('expected {uri, position}');
      const doc = s.usable(params.uri);
      const svc = s.svc();
      return doc && svc.settings.enable ? engine().provideCiteSentence(doc, svc.analyze(doc, token), svc.kb, positionOf(params), token) : null;
    }),
  );
  registerExportAndCheck(s);
  // TIP Lens: Import Report… (the importer loads on the first import).
  c.onRequest(ImportReportRequest, s.handle(ImportReportRequest.method, (params: ImportReportParams) => importReportRequest(params)));
}

function registerExportAndCheck(s: Session): void {
  s.connection.onRequest(
    BibliographyRequest,
    s.handle(BibliographyRequest.method, (params: BibliographyParams, token) => {
      if (!isObject(params) || !['csl-json', 'bibtex', 'ris'].includes(params.format as string)) throw new BadParams('expected {format: "csl-json" | "bibtex" | "ris", uri?, items?}');
      const doc = typeof params.uri === 'string' ? s.usable(params.uri) : undefined;
      return bibliographyExport().exportBibliography(s.svc(), params.format, { items: typeof params.items === 'boolean' ? params.items : undefined, doc }, token);
    }),
  );
  s.connection.onRequest(
    CheckDocumentRequest,
    s.handle(CheckDocumentRequest.method, (params: CheckDocumentParams, token) => {
      if (!isObject(params) || typeof params.uri !== 'string' || typeof params.text !== 'string') throw new BadParams('expected {uri: string, text: string, languageId?}');
      if (params.text.length > MAX_CHECK_CHARS) throw new BadParams(`text of ${params.uri} is over 10 MB; not checked`);
      const languageId = typeof params.languageId === 'string' ? params.languageId : /\.txt$/i.test(params.uri) ? 'plaintext' : 'markdown';
      // A fresh document each time (version -1), so the check never reuses an open document's analysis by mistake.
      return s.svc().diagnostics(TextDocument.create(params.uri, languageId, -1, params.text), token);
    }),
  );
}
