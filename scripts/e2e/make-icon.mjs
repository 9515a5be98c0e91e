#!/usr/bin/env node
// make-icon.mjs: renders the extension icon (images/icon.png, 256x256) from the SVG
// below with the headless Chromium that install-e2e-deps.sh provides.
//   node scripts/e2e/make-icon.mjs [out.png]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'images', 'icon.png'));
const cache = process.env.E2E_CACHE ?? path.join(os.homedir(), '.cache', 'e2e');
const { chromium } = await import(pathToFileURL(path.join(cache, 'playwright/node_modules/playwright-core/index.mjs')).href);

// A lens over a page of the report: three text lines, one of them highlighted (the cited sentence).
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#27507f"/><stop offset="1" stop-color="#16304f"/>
    </linearGradient>
    <clipPath id="lens"><circle cx="108" cy="108" r="66"/></clipPath>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="44" fill="url(#bg)"/>
  <rect x="46" y="40" width="124" height="150" rx="10" fill="#f4f1e8"/>
  <g fill="#9aa7b8">
    <rect x="62" y="62" width="92" height="9" rx="4"/>
    <rect x="62" y="84" width="78" height="9" rx="4"/>
    <rect x="62" y="128" width="86" height="9" rx="4"/>
    <rect x="62" y="150" width="64" height="9" rx="4"/>
  </g>
  <g clip-path="url(#lens)">
    <rect x="30" y="30" width="160" height="160" fill="#ffffff" opacity="0.35"/>
    <rect x="56" y="100" width="110" height="20" rx="5" fill="#f2b134"/>
    <rect x="62" y="106" width="98" height="9" rx="4" fill="#16304f"/>
  </g>
  <circle cx="108" cy="108" r="66" fill="none" stroke="#f2b134" stroke-width="14"/>
  <path d="M156 156 L214 214" stroke="#f2b134" stroke-width="26" stroke-linecap="round"/>
  <text x="204" y="88" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="34" fill="#ffffff" text-anchor="middle">TIP</text>
</svg>`;

const browser = await chromium.launch({ executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
