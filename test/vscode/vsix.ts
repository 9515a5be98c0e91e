// extensionTestsPath for the packaged extension: a short suite run against the .vsix
// installed into code-server (scripts/e2e/test-vsix.mjs).
import * as path from 'path';
import { runMocha } from './runMocha';

export function run(): Promise<void> {
  return runMocha(path.join(__dirname, 'vsix-suite'));
}
