// Small helpers shared by the scripts: run a command visibly, fail loudly.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command in the repo root, showing it and its output. */
function spawn(command, args, options) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
}

/** Runs a command with inherited output; exits on failure. */
export function run(command, args, options = {}) {
  const result = spawn(command, args, options);
  if (result.error) {
    console.error(`could not start ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`${command} failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

/** Runs a command and returns its trimmed stdout, or null if it fails. */
export function output(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Runs a command with inherited output; returns whether it succeeded. */
export function attempt(command, args, options = {}) {
  const result = spawn(command, args, options);
  return !result.error && result.status === 0;
}
