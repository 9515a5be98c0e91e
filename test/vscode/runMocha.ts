import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Runs every *.test.js in `dir` (sorted) with mocha's tdd UI; rejects when a test fails. */
export function runMocha(dir: string, timeoutMs = 60_000): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: timeoutMs, reporter: 'spec' });
  const grep = process.env.TIP_LENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(dir, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
