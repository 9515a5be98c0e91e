#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI itself is bundled by `npm run build` into dist/cli.js.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('tip-lens: dist/cli.js is missing; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
require(cli).run();
