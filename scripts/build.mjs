// npm run build: the wasm-pack `--target web` package in pkg/, shrunk by
// binaryen's wasm-opt (from npm; wasm-pack's own download is turned off in
// Cargo.toml), and copied to www/pkg/ where the widget loads it from, with
// the JS glue minified by terser there: pkg/ keeps the readable glue for apps
// (whose bundlers minify, and whose stack traces should be legible), www/pkg/
// is what a pricing page downloads.
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { root, run } from './lib.mjs';

const pkg = path.join(root, 'pkg');
const wasm = path.join(pkg, 'credit_estimator_bg.wasm');
const wasmOpt = path.join(root, 'node_modules', '.bin', 'wasm-opt');

run('wasm-pack', ['build', '--release', '--target', 'web', '--out-dir', 'pkg']);
// wasm-pack writes a `.gitignore` of `*` into pkg/: an app that copies the
// folder into its repository would commit none of it. This repository keeps
// pkg/ out with its own .gitignore.
fs.rmSync(path.join(pkg, '.gitignore'), { force: true });
// wasm-pack copies the README into pkg/, one folder down: its links to the
// repository's files are made relative to pkg/.
const readme = path.join(pkg, 'README.md');
fs.writeFileSync(
  readme,
  fs.readFileSync(readme, 'utf8').replace(/\]\((?![a-z]+:|#|\/)/g, '](../'),
);

// `--flatten --rereloop` first (control flow rebuilt from scratch), then -Oz
// twice: 0.8 KB gzip smaller than one -Oz. The features are the ones rustc
// enables by default for wasm32-unknown-unknown.
run(wasmOpt, [
  wasm, '-o', wasm, '--flatten', '--rereloop', '-Oz', '-Oz', '--strip-debug', '--strip-producers',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
]);

const www = path.join(root, 'www', 'pkg');
fs.rmSync(www, { recursive: true, force: true });
fs.mkdirSync(www, { recursive: true });
for (const file of fs.readdirSync(pkg)) {
  if (/\.(js|wasm|d\.ts)$/.test(file)) fs.copyFileSync(path.join(pkg, file), path.join(www, file));
}

// terser renames local names only, never properties, so the names of the
// wasm's imports and exports are untouched.
const glue = path.join(www, 'credit_estimator.js');
const minified = await minify(fs.readFileSync(glue, 'utf8'), {
  module: true,
  compress: { passes: 2 },
  format: { comments: /@ts-self-types/ },
});
fs.writeFileSync(glue, minified.code);
console.log(`\nbuilt pkg/ and www/pkg/ (${fs.statSync(wasm).size} bytes of wasm)`);
