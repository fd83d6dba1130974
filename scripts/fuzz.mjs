// npm run fuzz: coverage-guided fuzzing of the core with cargo-fuzz (libFuzzer),
// for FUZZ_SECONDS (default 120). The same invariants run on every `npm test`
// through the proptest suite in tests/fuzz.rs; this goes deeper for longer.
// cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain
// accept them (the only toolchain this machine can install).
import path from 'node:path';
import { root, run, output } from './lib.mjs';

if (output('cargo', ['fuzz', '--version']) === null) run('cargo', ['install', '--locked', 'cargo-fuzz', '--version', '0.13.2']);
const seconds = process.env.FUZZ_SECONDS ?? '120';
run('cargo', ['fuzz', 'run', 'estimator', '--', `-max_total_time=${seconds}`], {
  cwd: path.join(root, 'fuzz'),
  env: { ...process.env, RUSTC_BOOTSTRAP: '1' },
});
