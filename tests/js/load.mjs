// Loads the built package the way a Node user of `--target web` output does.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = path.join(root, 'pkg');
const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));

export const pkg = await import(path.join(pkgDir, manifest.module ?? manifest.main));
pkg.initSync({ module: fs.readFileSync(path.join(pkgDir, manifest.name.replaceAll('-', '_') + '_bg.wasm')) });

/** Calls `fn` and returns what it threw (fails the test if nothing was thrown). */
export function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
