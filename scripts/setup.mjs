// The README's set-up, idempotent: everything `npm start` and `npm test`
// need on a fresh machine of this kind, installed from the package
// registries only (no prebuilt binaries, no browser downloads).
//   - the wasm32-unknown-unknown target
//   - wasm-pack, pinned, with `cargo install --locked`
//   - wasm-bindgen-cli at the exact version of wasm-bindgen in Cargo.lock
//   - with --browser (for `npm test` and `npm run bench`, which drive a
//     browser; a build needs none): chromium and chromium-driver from
//     Debian, when missing
//   - npm ci, when node_modules is missing or older than package-lock.json
import fs from 'node:fs';
import path from 'node:path';
import { root, run, output, attempt } from './lib.mjs';

export const WASM_PACK_VERSION = '0.15.1';

function lockedVersion(crate) {
  const lock = fs.readFileSync(path.join(root, 'Cargo.lock'), 'utf8');
  const match = lock.match(new RegExp(`name = "${crate}"\\nversion = "([^"]+)"`));
  if (!match) throw new Error(`${crate} is not in Cargo.lock`);
  return match[1];
}

function setup({ browser }) {
  const targets = output('rustup', ['target', 'list', '--installed']) ?? '';
  if (!targets.split('\n').includes('wasm32-unknown-unknown')) {
    run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
  }

  if (!(output('wasm-pack', ['--version']) ?? '').includes(WASM_PACK_VERSION)) {
    run('cargo', ['install', '--locked', 'wasm-pack', '--version', WASM_PACK_VERSION]);
  }

  const bindgen = lockedVersion('wasm-bindgen');
  if (!(output('wasm-bindgen', ['--version']) ?? '').includes(bindgen)) {
    // --locked first; the registry mirror here lacks some of the CLI's locked
    // dependencies, so fall back to resolving them (the CLI version stays exact).
    if (!attempt('cargo', ['install', '--locked', 'wasm-bindgen-cli', '--version', bindgen])) {
      run('cargo', ['install', 'wasm-bindgen-cli', '--version', bindgen]);
    }
  }

  if (browser && !(fs.existsSync('/usr/bin/chromium') && fs.existsSync('/usr/bin/chromedriver'))) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'chromium-driver'], { env });
  }

  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs) {
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

setup({ browser: process.argv.includes('--browser') });
