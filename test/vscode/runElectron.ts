// Desktop runner for machines with internet access: @vscode/test-electron downloads
// VS Code and runs the same suite (out/test/vscode/index.js) in it. Offline it fails
// at once with ENOTFOUND update.code.visualstudio.com; use `npm run test:e2e` there.
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [path.join(root, 'test', 'vscode', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (err) {
    console.error('test:vscode failed:', err);
    process.exit(1);
  }
}

void main();
