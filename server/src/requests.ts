/**
 * TIP Lens's custom requests and notification as typed message types: the server registers its
 * handlers with them and the client sends with them, so a change of parameters or result is a type
 * error on both sides. The shapes themselves are in protocol.ts (which the engine may import: this
 * file brings in the JSON-RPC library and is for the front ends only).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type {
  BibliographyParams,
  BibliographyResult,
  CheckDocumentParams,
  CheckDocumentResult,
  CiteSentenceParams,
  CiteSentenceResult,
  CoverageParams,
  CoverageResult,
  ImportReportParams,
  ImportReportResult,
  ReportTextParams,
  ReportTextResult,
  SearchItemsParams,
  SearchItemsResult,
  StatusParams,
} from './protocol';

/** `tipLens/reportText`: the original text of a report, for a `tip-lens:/KHM-2022.txt` URI. */
export const ReportTextRequest = new RequestType<ReportTextParams, ReportTextResult, void>('tipLens/reportText');
/** `tipLens/coverage`: which prioritized recommendations of the draft's report the draft cites. */
export const CoverageRequest = new RequestType<CoverageParams, CoverageResult, void>('tipLens/coverage');
/** `tipLens/searchItems`: fuzzy search over recommendations and paragraphs. */
export const SearchItemsRequest = new RequestType<SearchItemsParams, SearchItemsResult, void>('tipLens/searchItems');
/** `tipLens/checkDocument`: diagnostics for a file the editor has not opened. */
export const CheckDocumentRequest = new RequestType<CheckDocumentParams, CheckDocumentResult, void>('tipLens/checkDocument');
/** `tipLens/citeSentence`: the best-supported anchors for the sentence at a position, and where the citation goes. */
export const CiteSentenceRequest = new RequestType<CiteSentenceParams, CiteSentenceResult, void>('tipLens/citeSentence');
/** `tipLens/bibliography`: the loaded reports (and the draft's short keys) as CSL JSON, BibTeX or RIS text. */
export const BibliographyRequest = new RequestType<BibliographyParams, BibliographyResult, void>('tipLens/bibliography');
/** `tipLens/importReport`: import a saved page, PDF or text into a folder (the server's importer writes it). */
export const ImportReportRequest = new RequestType<ImportReportParams, ImportReportResult, void>('tipLens/importReport');
/** `tipLens/status`, server to client: loaded reports and problems. */
export const StatusNotification = new NotificationType<StatusParams>('tipLens/status');
