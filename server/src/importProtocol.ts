/** `tipLens/importReport`, client to server: import a saved page, PDF or text into a folder (the command TIP Lens: Import Report…). */
import { RequestType } from 'vscode-languageserver-protocol';

export interface ImportReportParams {
  /** Absolute path of the page, PDF or text to import. */
  file: string;
  /** Absolute path of the folder to write into (created if missing). */
  out: string;
  edition?: number;
  /** A name, an ISO3 code or NAME=ISO3, as for `tip-lens kb import --country`. */
  country?: string;
  force?: boolean;
}

export interface ImportReportResult {
  /** The reports written (id and the paths of text and manifest); empty when anything went wrong. */
  written: { id: string; text: string; manifest: string }[];
  /** Why nothing was written, each naming the file. */
  problems: string[];
  /** Narratives of a PDF of several that could not be imported (the others were). */
  skipped?: string[];
  notes: string[];
}

export const ImportReportRequest = new RequestType<ImportReportParams, ImportReportResult, void>('tipLens/importReport');
export const IMPORT_COMMAND = 'tipLens.importReport';
