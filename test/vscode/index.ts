// extensionTestsPath for the full suite: VS Code calls run() in the extension host
// (code-server via scripts/e2e/run-e2e.mjs, or desktop VS Code via runElectron.ts).
import * as path from 'path';
import { runMocha } from './runMocha';

export function run(): Promise<void> {
  return runMocha(path.join(__dirname, 'suite'));
}
