/**
 * The `tipLens.*` settings as the client reads them: each key with the scope package.json declares
 * for it (VS Code warns when a resource-scoped key is read without a resource, or a window-scoped one
 * with one) and its default, which is the server's (server/src/service/settings.ts). Pure (no vscode):
 * test/unit/client-config.test.ts holds it to package.json's contributes.configuration.
 */
import { defaultSettings, type TipLensSettings } from '../../server/src/service/settings';

/** The scopes of package.json's `contributes.configuration` (VS Code's default, when none is given, is `window`). */
export type SettingScope = 'application' | 'machine' | 'window' | 'resource' | 'language-overridable' | 'machine-overridable';

export interface SettingSpec<T> {
  scope: SettingScope;
  default: T;
}

/** The section of every key: `tipLens.enable` is key `enable` of section `tipLens`. */
export const SECTION = 'tipLens';

const DEFAULTS = defaultSettings();

/** Every `tipLens.*` key (relative to SECTION), its scope and its default. */
export const SETTINGS = {
  enable: { scope: 'resource', default: DEFAULTS.enable },
  defaultReport: { scope: 'resource', default: DEFAULTS.defaultReport },
  reports: { scope: 'machine-overridable', default: DEFAULTS.reports },
  severity: { scope: 'resource', default: DEFAULTS.severity },
  'trace.server': { scope: 'window', default: DEFAULTS.trace.server },
  fullCheck: { scope: 'window', default: DEFAULTS.fullCheck },
} as const satisfies {
  [K in Exclude<keyof TipLensSettings, 'trace'>]: SettingSpec<TipLensSettings[K]>;
} & { 'trace.server': SettingSpec<TipLensSettings['trace']['server']> };

export type SettingKey = keyof typeof SETTINGS;

/**
 * Whether a key of this scope is read for a resource: resource-scoped keys (and machine-overridable
 * ones, which a workspace folder may set) take the document or folder, or null for any resource;
 * the others are read for the window.
 */
export function readForResource(scope: SettingScope): boolean {
  return scope === 'resource' || scope === 'language-overridable' || scope === 'machine-overridable';
}

/** The raw settings object validateSettings() reads, from a reader of one key. */
export function rawSettings(read: (key: SettingKey) => unknown): Record<string, unknown> {
  return {
    enable: read('enable'),
    defaultReport: read('defaultReport'),
    reports: read('reports'),
    severity: read('severity'),
    trace: { server: read('trace.server') },
    fullCheck: read('fullCheck'),
  };
}
