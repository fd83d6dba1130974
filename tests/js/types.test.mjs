// The generated typings describe the real shapes: a strict TypeScript program
// using the API compiles, and one misusing it does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './load.mjs';

const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
const compile = (file, target = 'esnext', lib = 'esnext,dom', flags = []) =>
  spawnSync(tsc, ['--noEmit', '--strict', ...flags, '--target', target, '--lib', lib, '--module', 'esnext', '--moduleResolution', 'bundler', '--skipLibCheck', 'false', path.join(root, 'tests', 'js', file)], { encoding: 'utf8' });

test('a strict program using the API type-checks', () => {
  const result = compile('usage.ts');
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('it type-checks under exactOptionalPropertyTypes, where a field given as undefined must be allowed explicitly', () => {
  const result = compile('usage.ts', 'esnext', 'esnext,dom', ['--exactOptionalPropertyTypes']);
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('the typings need only es2022 and esnext.disposable, as the README says', () => {
  const result = compile('usage.ts', 'es2022', 'es2022,esnext.disposable,dom');
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('a page loading only the element gets its types, for listeners on document and window too', () => {
  const result = compile('widget-only.ts');
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('misuse is a type error, so the types are not `any`', () => {
  const result = compile('misuse.ts');
  assert.notEqual(result.status, 0);
  // Exactly the ten misuse lines (4 to 9, 12, 14, 16, 17) fail, and nothing else does.
  const lines = [...result.stdout.matchAll(/misuse\.ts\((\d+),\d+\): error TS/g)].map((m) => Number(m[1]));
  assert.deepEqual(lines, [4, 5, 6, 7, 8, 9, 12, 14, 16, 17], result.stdout);
  assert.equal((result.stdout.match(/error TS/g) ?? []).length, 10, result.stdout);
});
