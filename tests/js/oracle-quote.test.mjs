// Differential test: quote() and planFit() against an independent oracle
// (oracle/quote.mjs), written from the articles, the contracts of issues 2
// and 3 and pricing/README.md's rules without reading src/ or pricing/*.json,
// so a figure transcribed wrongly on either side shows here. Fixed seed;
// oracle/quote-cases.mjs makes the requests.
import test from 'node:test';
import assert from 'node:assert/strict';
import { pkg } from './load.mjs';
import { oracleQuote, oraclePlanFit } from './oracle/quote.mjs';
import { makeGen, invalidQuotes, invalidPlans, belowShortestLength, productEssence, diffs, show } from './oracle/quote-cases.mjs';

const SEED = 20261121, N_QUOTES = 4000, N_PLANS = 1500;

function compareAll(which, requests) {
  const oracle = which === 'quote' ? oracleQuote : oraclePlanFit;
  const product = which === 'quote' ? pkg.quote : pkg.planFit;
  const failures = [];
  for (const req of requests) {
    const o = oracle(req), p = productEssence(product, req, which);
    const d = diffs(o, p);
    if (d.length) failures.push(`${which}(${show(req)})\n    differs at ${d.join(', ')}\n    oracle:  ${show(o)}\n    product: ${show(p)}`);
  }
  assert.equal(failures.length, 0,
    `${failures.length} of ${requests.length} ${which} requests disagree with the oracle; first ${Math.min(5, failures.length)}:\n  ${failures.slice(0, 5).join('\n  ')}`);
}

test('the oracle itself reproduces the articles\' worked examples', () => {
  // "A 5-second Ray2 Flash 720p video costs 55 credits. Upscaling that to 4K adds 20 credits, totaling 75."
  const q = oracleQuote({ platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5, addons: [{ kind: 'upscale', to: '2160p' }] });
  assert.equal(q.credits, 75);
  assert.equal(q.usdAtTopUpRate, '0.2500');
  // "a 9-second Extend clip is billed as 10 seconds"
  const e = oracleQuote({ platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5, addons: [{ kind: 'extend', seconds: 9 }] });
  assert.deepEqual(e.lines[1], { item: 'extend', credits: 110, billedSeconds: 10 });
  // 6 images = 2 batches of 4 = 32
  assert.equal(oracleQuote({ platform: 'dream-machine-ios', model: 'photon', images: 6 }).credits, 32);
  const f = oraclePlanFit({ platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 10 }, perMonth: 50 }] });
  assert.equal(f.monthlyCredits, 16000);
  assert.equal(f.recommended, 'plus');
  assert.deepEqual(f.plans.map((p) => p.totalUsd), [null, '53.99', '49.99', '94.99', null]);
});

test(`quote agrees with the oracle on ${N_QUOTES} seeded requests (seed ${SEED})`, () => {
  const g = makeGen(SEED);
  compareAll('quote', Array.from({ length: N_QUOTES }, () => g.quoteReq()));
});

test(`planFit agrees with the oracle on ${N_PLANS} seeded requests (seed ${SEED})`, () => {
  const g = makeGen(SEED + 1);
  compareAll('planFit', Array.from({ length: N_PLANS }, () => g.planReq()));
});

test('hand-made invalid and edge requests give the same result or error code', () => {
  compareAll('quote', invalidQuotes());
  compareAll('planFit', invalidPlans());
});

// pricing/README.md rule 7: "a length below 1e-28 s has no decimal value and is
// refused as not above 0". Found by this oracle: lengths from about
// 9.44444444444445e-29 up to 1e-28 were rounded up to 1e-28 and billed.
test('a length below 1e-28 s is refused (README rule 7)', () => {
  compareAll('quote', belowShortestLength());
});
