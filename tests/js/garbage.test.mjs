// Every export fed thousands of arbitrary JS values: each call returns a
// well-formed result or throws an Error with a code, never traps (no
// WebAssembly.RuntimeError), and the module still prices the worked example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pkg } from './load.mjs';

const { quote, quoteMany, catalog, planFit, check, checkMany, defaultTables, Estimator, isEstimatorError } = pkg;
const CODES = new Set([
  'invalid_request', 'unknown_platform', 'unknown_model', 'unsupported_resolution', 'unsupported_duration',
  'invalid_addon', 'unpriced', 'invalid_wallet', 'platform_mismatch', 'invalid_tables',
]);
const workedExample = {
  platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5,
  addons: [{ kind: 'upscale', to: '2160p' }],
};
const goodWallet = {
  platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 50,
  gifted: 10, topUps: [{ credits: 1200, purchased: '2026-01-05' }],
};

// A small seeded generator (mulberry32), so a failure can be replayed.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hugeString = 'x'.repeat(5_000_000);
const cyclic = { platform: 'dream-machine-web', model: 'photon' };
cyclic.self = cyclic;
cyclic.addons = [cyclic];
const cyclicArray = [];
cyclicArray.push(cyclicArray);
let deep = {};
for (let i = 0; i < 5000; i++) deep = { platform: deep, addons: [deep] };
const throwingGetter = { platform: 'dream-machine-web', get model() { throw new Error('getter boom'); } };
const hostile = new Proxy({}, {
  get() { throw new Error('proxy get'); },
  has() { throw new Error('proxy has'); },
  ownKeys() { throw new Error('proxy ownKeys'); },
  getOwnPropertyDescriptor() { throw new Error('proxy descriptor'); },
});
const hostileArray = new Proxy([1, 2, 3], { get() { throw new Error('array get'); } });
const revoked = Proxy.revocable({}, {});
revoked.revoke();

const atoms = [
  undefined, null, true, false, 0, -0, 1, -1, 5, 10, 3.5, NaN, Infinity, -Infinity, 1e308, -1e308, 2 ** 53,
  2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 4.9e-324, 2 ** 32, -(2 ** 31), '', '5', 'photon',
  'dream-machine-web', 'dream-machine', '720p', '2160p', 'upscale', 'extend', '2026-02-30', '2026-11-21',
  '\u0000', '\ud800', '🎬'.repeat(100), hugeString, 10n, -1n, 2n ** 64n, Symbol('s'), Symbol.iterator,
  () => 1, function named() {}, class K {}, [], [[]], {}, cyclic, cyclicArray, deep, throwingGetter, hostile,
  hostileArray, revoked.proxy, new Date(), new Map([['platform', 'x']]), new Set([1]), /re/, new Uint8Array(4),
  new ArrayBuffer(8), Object.create(null), Object.freeze({ platform: 'dream-machine-web' }), new Error('e'),
  Promise.resolve(1), new (class Request { constructor() { this.platform = 'dream-machine-web'; } })(),
];

/** An arbitrary value: an atom, or a valid request/wallet with fields broken. */
function arbitrary(r, depth = 0) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const roll = r();
  if (roll < 0.35 || depth > 3) return pick(atoms);
  if (roll < 0.5) return Array.from({ length: Math.floor(r() * 4) }, () => arbitrary(r, depth + 1));
  const base = structuredClone(pick([workedExample, goodWallet, { credits: 75 }, { platform: 'dream-machine-web', model: 'photon', images: 6 },
    { platform: 'dream-machine-web', usage: [{ request: workedExample, perMonth: 3 }] }, { tables: null }]));
  const keys = [...Object.keys(base), 'addons', 'kind', 'to', 'seconds', 'usage', 'request', 'perMonth', 'topUps',
    'purchased', 'needs', 'billing', 'tables', 'spendingLimit', 'extra', '__proto__', 'constructor', 'toString'];
  for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
    const key = pick(keys);
    try {
      if (r() < 0.15) delete base[key];
      else base[key] = arbitrary(r, depth + 1);
    } catch {
      // `__proto__` set to a revoked Proxy makes later writes throw: keep the object as it is.
    }
  }
  if (r() < 0.5) {
    const addon = { kind: pick(['upscale', 'extend', 'modify', 'reframe', 'zoom']), to: arbitrary(r, depth + 1), seconds: arbitrary(r, depth + 1) };
    try {
      base.addons = [...base.addons, addon];
    } catch {
      try {
        base.addons = [addon]; // the addons were an atom that cannot be spread
      } catch {
        // as above: the object no longer takes writes
      }
    }
  }
  return base;
}

/** A plain object or array, as the tables are made of (not an inserted atom). */
function isPlain(v) {
  try {
    return v !== null && typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);
  } catch {
    return false;
  }
}

/** The call's outcome: a result object, or the Error it threw with a code. */
function outcome(label, fn) {
  let result;
  try {
    result = fn();
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `${label}: the module trapped: ${error?.message}`);
    assert.ok(error instanceof Error, `${label}: threw a non-Error: ${String(error)}`);
    assert.ok(CODES.has(error.code), `${label}: threw ${error.name} without a known code: ${error.message}`);
    assert.equal(typeof error.message, 'string');
    assert.ok(error.message.length > 0 && error.message.length < 2000, `${label}: message length ${error.message.length}`);
    return { error };
  }
  assert.equal(typeof result, 'object', `${label}: result is ${typeof result}`);
  assert.notEqual(result, null, `${label}: result is null`);
  return { result };
}

function assertQuote(label, q) {
  assert.ok(Number.isSafeInteger(q.credits) && q.credits > 0, `${label}: credits ${q.credits}`);
  assert.equal(q.lines.reduce((s, l) => s + l.credits, 0), q.credits, `${label}: lines do not sum`);
  assert.match(q.usdAtTopUpRate, /^\d+\.\d{4}$/, label);
}

test('every export survives thousands of arbitrary values', () => {
  const r = rng(20261121);
  const estimator = new Estimator();
  let calls = 0;
  for (let i = 0; i < 1500; i++) {
    const a = arbitrary(r);
    const b = arbitrary(r);
    const label = `case ${i}`;
    const q = outcome(`${label} quote`, () => quote(a));
    if (q.result) assertQuote(`${label} quote`, q.result);
    let list = [a, b];
    try {
      if (Array.isArray(a)) list = a;
    } catch {
      list = a; // a revoked Proxy: hand it over as it is
    }
    const many = outcome(`${label} quoteMany`, () => quoteMany(list));
    if (many.result) for (const item of many.result) if (!item.error) assertQuote(`${label} quoteMany`, item);
    const fit = outcome(`${label} planFit`, () => planFit(a));
    if (fit.result) assert.ok(Number.isSafeInteger(fit.result.monthlyCredits), label);
    const c = outcome(`${label} check`, () => check(a, b));
    if (c.result) {
      assert.ok(['ok', 'relaxed', 'insufficient', 'paused'].includes(c.result.verdict), label);
      if (c.result.verdict === 'ok') assert.equal(c.result.draws.reduce((s, d) => s + d.credits, 0), c.result.cost, label);
    }
    // A storyboard of whatever came: answered shot by shot, or refused.
    const board = outcome(`${label} checkMany`, () => checkMany(goodWallet, list));
    if (board.result) {
      assert.equal(board.result.results.length, list.length, label);
      assert.equal(board.result.drawn, board.result.results.filter((x) => x.verdict === 'ok').reduce((s, x) => s + x.cost, 0), label);
    }
    outcome(`${label} checkMany of a wallet`, () => checkMany(a, [b]));
    outcome(`${label} new Estimator`, () => new Estimator(a));
    outcome(`${label} estimator.quote`, () => estimator.quote(b));
    outcome(`${label} estimator.check`, () => estimator.check(b, a));
    // A guard answers true or false, whatever it is given, and throws nothing.
    assert.equal(typeof isEstimatorError(a), 'boolean', label);
    if (isEstimatorError(a)) assert.ok(a instanceof Error && CODES.has(a.code), label);
    for (const thrown of [q, fit, c, board]) if (thrown.error) assert.equal(isEstimatorError(thrown.error), true, label);
    calls += 10;
  }
  // The functions that take nothing ignore whatever they are given.
  for (const a of atoms.slice(0, 20)) {
    outcome('catalog', () => catalog(a));
    outcome('defaultTables', () => defaultTables(a));
  }
  assert.ok(calls >= 10000);
  assert.equal(quote(workedExample).credits, 75);
});

test('arbitrary tables are rejected with invalid_tables or priced sanely', () => {
  const r = rng(7);
  const numbers = [-1, 0, 0.5, 1, 7, 4294967296, NaN, '10', null, undefined, 2 ** 53];
  let accepted = 0;
  for (let i = 0; i < 400; i++) {
    const tables = defaultTables();
    // Break one to three numbers or strings somewhere in the tables.
    for (let n = 0; n < 1 + Math.floor(r() * 3); n++) {
      const path = [];
      let node = tables;
      while (isPlain(node)) {
        const keys = Object.keys(node);
        if (keys.length === 0) break;
        const key = keys[Math.floor(r() * keys.length)];
        if (!isPlain(node[key]) || r() < 0.2) {
          node[key] = r() < 0.7 ? numbers[Math.floor(r() * numbers.length)] : atoms[Math.floor(r() * atoms.length)];
          break;
        }
        path.push(key);
        node = node[key];
      }
    }
    const made = outcome(`tables ${i}`, () => new Estimator({ tables }));
    if (made.error) {
      assert.equal(made.error.code, 'invalid_tables', made.error.message);
      continue;
    }
    accepted += 1;
    const est = made.result;
    for (const req of [workedExample, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p', durationSeconds: 9 }]) {
      const q = outcome(`tables ${i} quote`, () => est.quote(req));
      if (q.result) assertQuote(`tables ${i}`, q.result);
    }
    outcome(`tables ${i} planFit`, () => est.planFit({ platform: 'dream-machine-web', usage: [{ request: workedExample, perMonth: 10 }] }));
    outcome(`tables ${i} catalog`, () => est.catalog());
  }
  assert.ok(accepted > 0, 'some changes (names, notes) leave the tables valid');
  assert.equal(quote(workedExample).credits, 75);
});

test('a getter that calls back into the module is answered, not trapped', () => {
  // The reader keeps a cache of field names; a getter of the input runs while
  // the cache is in use, and a call from it once trapped the module.
  const inner = [];
  const callsBack = (value, call) => ({
    platform: 'dream-machine-web',
    get model() {
      inner.push(outcome('inner call', call));
      return value;
    },
    resolution: '720p',
    durationSeconds: 5,
  });
  const estimator = new Estimator();
  assert.equal(quote(callsBack('ray-2-flash', () => quote(workedExample))).credits, 55);
  assert.equal(estimator.quote(callsBack('ray-2-flash', () => estimator.quote(workedExample))).credits, 55);
  assert.equal(quoteMany([callsBack('ray-2-flash', () => quoteMany([workedExample]))])[0].credits, 55);
  assert.equal(check(goodWallet, callsBack('ray-2-flash', () => check(goodWallet, workedExample))).cost, 55);
  const fit = (request) => planFit({ platform: 'dream-machine-web', usage: [{ request, perMonth: 2 }] });
  assert.equal(fit(callsBack('ray-2-flash', () => fit(workedExample))).monthlyCredits, 110);
  assert.equal(inner.length, 5);
  for (const [i, { result, error }] of inner.entries()) assert.ok(result && !error, `inner call ${i}: ${error?.message}`);
  assert.equal(inner[0].result.credits, 75);
  assert.equal(quote(workedExample).credits, 75);
});
