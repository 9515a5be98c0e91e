/**
 * The one typed settings object and its defaults, shared by the VS Code client (which reads each key
 * in its declared scope: client/src/settingsSchema.ts, held to package.json's
 * `contributes.configuration` by a test), the language server and the CLI.
 */
import { ALL_CODES, Code } from './codes';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';
export const SEVERITY_NAMES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];
export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface TipLensSettings {
  /** Turn every feature on or off. */
  enable: boolean;
  /** Report id used for short references such as [@R3] when the draft has no `tip-report:` front matter. */
  defaultReport: string;
  /** Extra narratives to load: paths of manifests (.json), narrative texts with a sibling manifest, or folders of them. */
  reports: string[];
  /** Severity per diagnostic code; `off` silences a code. */
  severity: Record<Code, SeverityName>;
  trace: { server: TraceLevel };
  /** Check every block of a draft after each edit instead of only the changed ones (for debugging the incremental re-check; results are the same). */
  fullCheck: boolean;
}

export const DEFAULT_SEVERITY: Readonly<Record<Code, SeverityName>> = {
  [Code.ReferenceUnknown]: 'error',
  [Code.ReferenceMismatch]: 'warning',
  [Code.FigureMismatch]: 'error',
  [Code.FigureWrongYear]: 'warning',
  [Code.TierMismatch]: 'error',
  [Code.QuoteMismatch]: 'error',
  [Code.QuoteNotFound]: 'warning',
  [Code.CitationMissing]: 'hint',
};

export function defaultSettings(): TipLensSettings {
  return { enable: true, defaultReport: '', reports: [], severity: { ...DEFAULT_SEVERITY }, trace: { server: 'off' }, fullCheck: false };
}

export interface SettingsResult {
  settings: TipLensSettings;
  /** One message per wrong-typed value; that value fell back to its default. */
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a raw `tipLens` settings object (from workspace/configuration, a
 * file, or the CLI). Wrong-typed values are replaced by their default and named in `problems`.
 */
export function validateSettings(raw: unknown, where = 'tipLens'): SettingsResult {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isObject(raw)) {
    problems.push(`${where}: expected an object of settings, got ${describe(raw)}; using defaults`);
    return { settings, problems };
  }
  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else problems.push(`${where}.enable: expected true or false, got ${describe(raw.enable)}; using true`);
  }
  if (raw.defaultReport !== undefined && raw.defaultReport !== null) {
    if (typeof raw.defaultReport === 'string') settings.defaultReport = raw.defaultReport.trim();
    else problems.push(`${where}.defaultReport: expected a report id such as "KHM-2023", got ${describe(raw.defaultReport)}; using none`);
  }
  if (raw.reports !== undefined && raw.reports !== null) {
    if (Array.isArray(raw.reports) && raw.reports.every((r) => typeof r === 'string')) settings.reports = [...(raw.reports as string[])];
    else problems.push(`${where}.reports: expected a list of paths, got ${describe(raw.reports)}; loading only the bundled reports`);
  }
  if (raw.severity !== undefined && raw.severity !== null) {
    if (!isObject(raw.severity)) {
      problems.push(`${where}.severity: expected an object such as {"figure.mismatch": "warning"}, got ${describe(raw.severity)}; using defaults`);
    } else {
      for (const [key, value] of Object.entries(raw.severity)) {
        if (!(ALL_CODES as readonly string[]).includes(key)) {
          problems.push(`${where}.severity: unknown diagnostic code "${key}" (known: ${ALL_CODES.join(', ')})`);
        } else if (typeof value !== 'string' || !(SEVERITY_NAMES as readonly string[]).includes(value)) {
          problems.push(`${where}.severity.${key}: expected one of ${SEVERITY_NAMES.join(', ')}, got ${describe(value)}; using ${DEFAULT_SEVERITY[key as Code]}`);
        } else {
          settings.severity[key as Code] = value as SeverityName;
        }
      }
    }
  }
  if (raw.fullCheck !== undefined && raw.fullCheck !== null) {
    if (typeof raw.fullCheck === 'boolean') settings.fullCheck = raw.fullCheck;
    else problems.push(`${where}.fullCheck: expected true or false, got ${describe(raw.fullCheck)}; using false`);
  }
  if (raw.trace !== undefined && raw.trace !== null) {
    const server = isObject(raw.trace) ? raw.trace.server : undefined;
    if (server === 'off' || server === 'messages' || server === 'verbose') settings.trace.server = server;
    else problems.push(`${where}.trace.server: expected off, messages or verbose, got ${describe(server)}; using off`);
  }
  return { settings, problems };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
