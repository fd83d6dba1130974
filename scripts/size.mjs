// npm run size: what a pricing page downloads for the widget, gzip -9 (zlib
// level 9), file by file and in total; fails above the budget. Runs in npm test.
// The files are www/pkg/'s, which the page loads: pkg/'s wasm as it is and its
// JS glue minified (scripts/build.mjs).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './lib.mjs';

export const BUDGET = 64 * 1024;

const files = [
  ...fs.readdirSync(path.join(root, 'www', 'pkg')).filter((f) => f.endsWith('_bg.wasm')).map((f) => `www/pkg/${f}`),
  'www/pkg/credit_estimator.js',
  'www/credit-estimator.js',
  'www/credit-estimator.css',
].filter((f) => fs.existsSync(path.join(root, f)));

let total = 0;
const rows = [];
console.log('file                                  raw bytes   gzip -9');
for (const file of files) {
  const raw = fs.readFileSync(path.join(root, file));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  total += gz;
  rows.push(`| \`${file}\` | ${raw.length.toLocaleString('en-US')} | ${gz.toLocaleString('en-US')} |`);
  console.log(`${file.padEnd(36)} ${String(raw.length).padStart(10)} ${String(gz).padStart(9)}`);
}
const verdict = total <= BUDGET ? 'within' : 'OVER';
const summary = `${(total / 1024).toFixed(1)} KiB, ${verdict} the ${BUDGET / 1024} KiB budget`;
console.log(`${'total'.padEnd(36)} ${''.padStart(10)} ${String(total).padStart(9)}  (${summary})`);

if (process.argv.includes('--record')) {
  const table = ['| file | raw bytes | gzip -9 |', '|---|---|---|', ...rows, `| **total** | | **${total.toLocaleString('en-US')}** (${summary}) |`].join('\n');
  const file = path.join(root, 'BENCHMARKS.md');
  const section = `<!-- size:start -->\nRecorded ${new Date().toISOString().slice(0, 10)}.\n\n${table}\n<!-- size:end -->`;
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/<!-- size:start -->[\s\S]*<!-- size:end -->/, section));
  console.log('recorded in BENCHMARKS.md');
}
if (total > BUDGET) process.exit(1);
