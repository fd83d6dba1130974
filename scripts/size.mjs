// npm run size: what a pricing page downloads for the widget, gzip -9 (zlib
// level 9), file by file and in total; fails above the budget. Runs in npm test.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './lib.mjs';

export const BUDGET = 64 * 1024;

const files = [
  ...fs.readdirSync(path.join(root, 'pkg')).filter((f) => f.endsWith('_bg.wasm')).map((f) => `pkg/${f}`),
  'pkg/credit_estimator.js',
  'www/credit-estimator.js',
  'www/credit-estimator.css',
].filter((f) => fs.existsSync(path.join(root, f)));

let total = 0;
console.log('file                                  raw bytes   gzip -9');
for (const file of files) {
  const raw = fs.readFileSync(path.join(root, file));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${file.padEnd(36)} ${String(raw.length).padStart(10)} ${String(gz).padStart(9)}`);
}
const verdict = total <= BUDGET ? 'within' : 'OVER';
console.log(`${'total'.padEnd(36)} ${''.padStart(10)} ${String(total).padStart(9)}  (${(total / 1024).toFixed(1)} KiB, ${verdict} the ${BUDGET / 1024} KiB budget)`);
if (total > BUDGET) process.exit(1);
