/**
 * The client's settings table (client/src/settingsSchema.ts) against package.json's contributes.configuration:
 * every `tipLens.*` key is known with the same default and the same scope, so a setting added, renamed or
 * re-scoped on one side only fails here (and VS Code's warnings about reading a key in the wrong scope cannot
 * come back unnoticed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rawSettings, readForResource, SECTION, SETTINGS, type SettingKey, type SettingScope } from '../../client/src/settingsSchema';
import { defaultSettings, validateSettings } from '../../server/src/service/settings';
import { ALL_CODES } from '../../server/src/service/codes';

interface Property {
  default?: unknown;
  scope?: SettingScope;
  properties?: Record<string, { default?: unknown }>;
}
const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Property> } } };
const declared = pkg.contributes.configuration.properties;
const keys = Object.keys(declared).filter((k) => k.startsWith(`${SECTION}.`));

for (const full of keys) {
  const key = full.slice(SECTION.length + 1);
  test(`${full}: the client knows it, with package.json's default and scope`, () => {
    assert.ok(key in SETTINGS, `${full} is not in client/src/settingsSchema.ts`);
    const spec = SETTINGS[key as SettingKey];
    assert.deepEqual(spec.default, declared[full].default, `${full}: default`);
    // VS Code's default scope is window.
    assert.equal(spec.scope, declared[full].scope ?? 'window', `${full}: scope`);
  });
}

test('every key of the client table is contributed by package.json', () => {
  assert.deepEqual(Object.keys(SETTINGS).map((k) => `${SECTION}.${k}`).sort(), [...keys].sort());
});

test("tipLens.severity: one property per diagnostic code, each with the server's default", () => {
  const props = declared['tipLens.severity'].properties ?? {};
  assert.deepEqual(Object.keys(props).sort(), [...ALL_CODES].sort());
  for (const code of ALL_CODES) assert.equal(props[code].default, defaultSettings().severity[code], code);
});

test('resource-scoped keys are read for a resource, window-scoped ones for the window', () => {
  assert.deepEqual(
    Object.entries(SETTINGS).filter(([, s]) => readForResource(s.scope)).map(([k]) => k),
    ['enable', 'defaultReport', 'reports', 'severity'],
  );
});

test('the defaults read back through the raw object are the server\'s defaults', () => {
  const { settings, problems } = validateSettings(rawSettings((key) => SETTINGS[key].default));
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, defaultSettings());
});
