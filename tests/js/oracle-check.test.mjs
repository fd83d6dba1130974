// Differential test: check() against an independent oracle (oracle/check.mjs),
// written from the articles, the contract of issue 3 and pricing/README.md's
// rules without reading src/, on generated wallets and requests
// (oracle/check-cases.mjs; `node tests/js/oracle/check-cases.mjs [seed] [n]`
// prints a summary). The cost of a generation is quote()'s: this is about the
// wallet. Dates are reckoned by hand here, independently of the product's
// date library.
import { pkg } from './load.mjs';

const { checkMany } = pkg;
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oracleCheck, useQuote, essence, canon } from './oracle/check.mjs';
import { cases, show } from './oracle/check-cases.mjs';

useQuote(pkg.quote);
const SEED = 20261121;
const N = 5000;

function agree(wallet, request) {
  const o = oracleCheck(wallet, request);
  const p = essence(() => pkg.check(wallet, request));
  return { ok: JSON.stringify(canon(o)) === JSON.stringify(canon(p)), o, p };
}
const describe = (i, wallet, request, o, p) =>
  `case #${i}\n  wallet  ${show(wallet)}\n  request ${show(request)}\n  oracle  ${JSON.stringify(o)}\n  product ${JSON.stringify(p)}`;

test(`check() agrees with the oracle on ${N} generated cases (seed ${SEED})`, () => {
  const failures = [];
  let compared = 0;
  for (const { i, wallet, request } of cases(SEED, N)) {
    compared++;
    const { ok, o, p } = agree(wallet, request);
    if (!ok) failures.push(describe(i, wallet, request, o, p));
  }
  assert.ok(compared > N * 0.95, `only ${compared} cases compared`);
  assert.equal(failures.length, 0,
    `${failures.length} of ${compared} cases disagree; first ones:\n${failures.slice(0, 3).join('\n')}`);
});

// checkMany(): the oracle's check() shot by shot, each against the wallet the
// shots before it left, the draws of an `ok` one taken off here (not by the
// product's walletAfter).
function takeDraws(wallet, draws) {
  const w = structuredClone(wallet);
  for (const d of draws) {
    if (d.pool === 'topUp') w.topUps[d.topUpIndex].credits -= d.credits;
    else w[d.pool] -= d.credits;
  }
  return w;
}
const given = (wallet) => JSON.parse(JSON.stringify(wallet, (k, v) => (v === null ? undefined : v)));

test('checkMany() agrees with the oracle applied shot by shot', () => {
  const all = [...cases(SEED + 1, 6000)];
  const failures = [];
  let compared = 0, made = 0;
  for (let i = 0; i + 6 < all.length; i += 6) {
    const wallet = all[i].wallet;
    const requests = all.slice(i, i + 1 + (i % 5)).map((c) => c.request);
    let left = wallet;
    const results = [];
    let error = null;
    for (const request of requests) {
      const o = oracleCheck(left, request);
      if (o.error) { error = o.error; break; }
      results.push(o);
      if (o.verdict === 'ok') left = takeDraws(left, o.draws);
    }
    let p;
    try {
      p = checkMany(wallet, requests);
    } catch (e) {
      p = { error: e.code };
    }
    if (error) {
      // Which shot's fault comes first may differ (the product reads every
      // request before it prices any); that one is refused must not.
      if (!p.error) failures.push(`no error where the oracle has ${error}: ${show(wallet)} ${show(requests)}`);
      continue;
    }
    compared++;
    const expected = {
      results, cost: results.reduce((s, r) => s + r.cost, 0),
      drawn: results.filter((r) => r.verdict === 'ok').reduce((s, r) => s + r.cost, 0),
      firstShort: results.findIndex((r) => r.verdict === 'insufficient' || r.verdict === 'paused'),
      approximate: results.some((r) => r.approximate), walletAfter: given(left),
    };
    expected.firstShort = expected.firstShort < 0 ? null : expected.firstShort;
    expected.verdict = expected.firstShort !== null ? results[expected.firstShort].verdict
      : results.some((r) => r.verdict === 'relaxed') ? 'relaxed' : 'ok';
    made += results.length;
    const actual = p.error ? p : {
      results: p.results.map((r) => essence(() => r)), cost: p.cost, drawn: p.drawn, firstShort: p.firstShort,
      approximate: p.approximate, walletAfter: p.walletAfter, verdict: p.verdict,
    };
    if (JSON.stringify(canon(expected)) !== JSON.stringify(canon(actual))) {
      failures.push(`wallet ${show(wallet)}\n  requests ${show(requests)}\n  oracle  ${JSON.stringify(canon(expected))}\n  product ${JSON.stringify(canon(actual))}`);
    }
  }
  assert.ok(compared > 200 && made > 500, `only ${compared} storyboards (${made} shots) compared`);
  assert.equal(failures.length, 0, `${failures.length} storyboards disagree; first ones:\n${failures.slice(0, 3).join('\n')}`);
});

const DM = { platform: 'dream-machine', plan: 'plus', subscription: 'active', monthly: 0 };
const pinned = [
  ['contract: bought 2025-11-21 counts through 2026-11-20', { ...DM, today: '2026-11-20', topUps: [{ credits: 10, purchased: '2025-11-21' }] }, { credits: 5 }],
  ['contract: bought 2025-11-21 stops on 2026-11-21', { ...DM, today: '2026-11-21', topUps: [{ credits: 10, purchased: '2025-11-21' }] }, { credits: 5 }],
  ['contract: bought 2024-02-29 stops on 2025-02-28', { ...DM, today: '2025-02-28', topUps: [{ credits: 10, purchased: '2024-02-29' }] }, { credits: 5 }],
  ['contract: bought 2024-02-29 counts on 2025-02-27', { ...DM, today: '2025-02-27', topUps: [{ credits: 10, purchased: '2024-02-29' }] }, { credits: 5 }],
  ['README example', { ...DM, today: '2026-11-21', monthly: 50, gifted: 10, topUps: [{ credits: 1200, purchased: '2026-01-05' }] },
    { platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5, addons: [{ kind: 'upscale', to: '2160p' }] }],
  ['oldest top-up first, whatever the order given', { ...DM, today: '2026-11-21', topUps: [{ credits: 5, purchased: '2026-03-01' }, { credits: 5, purchased: '2026-01-01' }] }, { credits: 7 }],
  ['paused: top-ups hidden, insufficient', { ...DM, subscription: 'paused', today: '2026-11-21', monthly: 3, topUps: [{ credits: 1200, purchased: '2026-01-01' }] }, { credits: 5 }],
  ['Unlimited runs short in relaxed mode', { ...DM, plan: 'unlimited', today: '2026-11-21', monthly: 3 }, { credits: 5 }],
  ['Free makes images only', { ...DM, plan: 'free', today: '2026-11-21', monthly: 5000 },
    { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 5 }],
  ['Luma Agents: the spending limit pays the rest', { platform: 'luma-agents', plan: 'pro', subscription: 'active', today: '2026-11-21', monthly: 3, gifted: 2, spendingLimit: 5 }, { credits: 10 }],
  ['Luma Agents: pauses one credit short', { platform: 'luma-agents', plan: 'pro', subscription: 'active', today: '2026-11-21', monthly: 3, gifted: 2, spendingLimit: 4 }, { credits: 10 }],
  ['platform_mismatch before pricing', { ...DM, today: '2026-11-21' }, { platform: 'luma-agents', model: 'veo-3' }],
  ['impossible date', { ...DM, today: '2026-02-30' }, { credits: 5 }],
];
for (const [name, wallet, request] of pinned) {
  test(`pinned: ${name}`, () => {
    const { ok, o, p } = agree(wallet, request);
    assert.ok(ok, describe('pinned', wallet, request, o, p));
  });
}

// Found by this oracle: check() read such a request as a known cost and
// refused its generation fields.
test('a generation request with `credits: null` is still a quote() request (README: null counts as left out)', () => {
    const wallet = { ...DM, today: '2026-11-21', monthly: 100 };
    const request = { platform: 'dream-machine-web', model: 'photon', images: 4, credits: null };
    assert.equal(pkg.quote(request).credits, 16);
    const { ok, o, p } = agree(wallet, request);
    assert.ok(ok, describe('A1', wallet, request, o, p));
  });
