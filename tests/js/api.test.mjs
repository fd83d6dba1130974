// The JavaScript contract of issues 2 and 3, through pkg/ as a user imports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pkg, thrown } from './load.mjs';

const { quote, catalog, planFit, check, checkMany, quoteMany, Estimator, defaultTables } = pkg;

const workedExample = {
  platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5,
  addons: [{ kind: 'upscale', to: '2160p' }],
};

test('the worked example is 75 credits, $0.2500 at the top-up rate', () => {
  const q = quote(workedExample);
  assert.equal(q.credits, 75);
  assert.equal(q.usdAtTopUpRate, '0.2500');
  assert.equal(q.approximate, false);
  assert.deepEqual(q.lines.map((l) => [l.item, l.credits]), [['video', 55], ['upscale', 20]]);
  assert.equal(q.lines.reduce((s, l) => s + l.credits, 0), q.credits);
  assert.ok(q.notes.length > 0);
  assert.equal(typeof q.edition.effective, 'string');
});

test('billedSeconds is present only where seconds are billed', () => {
  const images = quote({ platform: 'dream-machine-web', model: 'photon', images: 6 });
  assert.equal(images.credits, 32);
  assert.ok(!('billedSeconds' in images.lines[0]));
  assert.ok(images.notes.some((n) => n.startsWith('6 images = 2 batches of 4')));
  const ios = quote({ platform: 'dream-machine-ios', model: 'ray-2', resolution: '540p', durationSeconds: 9 });
  assert.equal(ios.lines[0].billedSeconds, 10);
  assert.equal(ios.credits, 160);
});

test('every failure is a thrown Error with a code and a message saying what is allowed', () => {
  const cases = [
    [undefined, 'invalid_request', /object/],
    [{ platform: 'dream-machine-web', model: 'photon', images: '4' }, 'invalid_request', /images/],
    [{ platform: 'dream-machine-web', model: 'photon', images: 4, colour: 'red' }, 'invalid_request', /colour.*platform, model/],
    [{ platform: 'web', model: 'photon', images: 4 }, 'unknown_platform', /dream-machine-web/],
    [{ platform: 'dream-machine-web', model: 'ray-3' }, 'unknown_model', /ray-2-flash/],
    [{ platform: 'dream-machine-web', model: 'ray-2', resolution: '540p', durationSeconds: 5 }, 'unsupported_resolution', /720p or 1080p/],
    [{ platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 8 }, 'unsupported_duration', /5 s or 10 s/],
    [{ platform: 'dream-machine-web', model: 'photon', images: 4, addons: [{ kind: 'upscale', to: '1080p' }] }, 'invalid_addon', /reframe/],
    [{ platform: 'dream-machine-ios', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5 }, 'unpriced', /no rate/],
    [{ platform: 'luma-agents', model: 'kling-3.0' }, 'unpriced', /not published/],
    // A Map is an object to JS, but its entries are not fields.
    [new Map(Object.entries(workedExample)), 'invalid_request', /^request must be an object with the fields platform, model, resolution, durationSeconds, images, addons, got a Map \(pass a plain object: Object\.fromEntries\(map\)\)$/],
  ];
  for (const [input, code, message] of cases) {
    const error = thrown(() => quote(input));
    assert.ok(error instanceof Error, `${JSON.stringify(input)} threw a non-Error`);
    assert.equal(error.code, code, `${JSON.stringify(input)}: ${error.message}`);
    assert.match(error.message, message);
  }
  assert.equal(quote(workedExample).credits, 75);
});

test('input that throws while it is read is reported with what it threw', () => {
  const getter = { ...workedExample, get model() { throw new Error('boom'); } };
  const e = thrown(() => quote(getter));
  assert.equal(e.code, 'invalid_request');
  assert.equal(e.message, 'request.model could not be read (reading it threw "boom")');
  const number = { get platform() { throw 42; } };
  assert.equal(thrown(() => quote(number)).message, 'request.platform could not be read (reading it threw 42)');
  const keys = new Proxy(workedExample, { ownKeys() { throw new TypeError('no keys'); } });
  assert.equal(thrown(() => quote(keys)).message, 'request: its fields could not be read (reading it threw "no keys")');
  const items = new Proxy([workedExample], {
    get(target, key) {
      if (key === 'length') throw new RangeError('no length');
      return target[key];
    },
  });
  assert.equal(thrown(() => quoteMany(items)).message, 'requests: its items could not be read (reading it threw "no length")');
  assert.equal(quote(workedExample).credits, 75);
});

test('numbers that are not what they should be are invalid_request', () => {
  const base = { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p' };
  for (const durationSeconds of [NaN, Infinity, -Infinity, -1, 0, 1e308, '5', 5n, null === 1]) {
    assert.equal(thrown(() => quote({ ...base, durationSeconds })).code, 'invalid_request', String(durationSeconds));
  }
  for (const images of [0, -4, 2.5, 2 ** 53, NaN, true]) {
    assert.equal(thrown(() => quote({ platform: 'dream-machine-web', model: 'photon', images })).code, 'invalid_request', String(images));
  }
});

test('catalog() lists only combinations that exist', () => {
  const c = catalog();
  const web = c.platforms.find((p) => p.id === 'dream-machine-web');
  const ray16 = web.models.find((m) => m.id === 'ray-1.6');
  assert.deepEqual(ray16.resolutions.map((r) => [r.id, r.clips.map((x) => x.seconds)]), [['720p', [5]]]);
  assert.deepEqual(ray16.resolutions[0].addons.map((a) => a.kind), ['extend', 'upscale', 'modify']);
  const ios = c.platforms.find((p) => p.id === 'dream-machine-ios');
  assert.equal(ios.videoBilling, 'perSecond');
  assert.equal(ios.models.find((m) => m.id === 'ray-2-flash').priced, false);
  const agents = c.platforms.find((p) => p.id === 'luma-agents');
  assert.deepEqual(agents.models.map((m) => m.id), ['ray-3.14', 'veo-3', 'veo-3.1', 'kling-3.0', 'kling-2.6']);
  assert.ok(agents.models.every((m) => m.priced === false && /not published/.test(m.note)));
  assert.deepEqual(c.resolutions, ['540p', '720p', '1080p', '2160p']);
  assert.deepEqual(c.topUp, { credits: 1200, priceUsd: '4.00', validMonths: 12 });
});

test('planFit() prices each plan for a month of work (README example)', () => {
  const fit = planFit({
    platform: 'dream-machine-web',
    usage: [{ request: { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 10 }, perMonth: 50 }],
  });
  assert.equal(fit.monthlyCredits, 16000);
  assert.equal(fit.recommended, 'plus');
  const plus = fit.plans.find((p) => p.id === 'plus');
  assert.deepEqual([plus.priceUsd, plus.topUpPacks, plus.topUpUsd, plus.totalUsd], ['29.99', 5, '20.00', '49.99']);
  assert.equal(fit.plans.find((p) => p.id === 'enterprise').totalUsd, null);
  assert.equal(thrown(() => planFit({ platform: 'dream-machine-ios', usage: [] })).code, 'unpriced');
  assert.equal(thrown(() => planFit({ platform: 'luma-agents', usage: [] })).code, 'unpriced');
  // `needs` is an object, not the widget attribute's word: the message names its fields.
  const needs = thrown(() => planFit({ platform: 'dream-machine-web', usage: [], needs: 'commercial-use' }));
  assert.equal(needs.code, 'invalid_request');
  assert.equal(needs.message, 'planFit request.needs must be an object with the fields commercialUse, noWatermark, got "commercial-use"');
});

test('checkMany() checks a storyboard shot by shot from one wallet (README example)', () => {
  const wallet = {
    platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21',
    monthly: 50, gifted: 10, topUps: [{ credits: 200, purchased: '2026-01-05' }],
  };
  const photon = { platform: 'dream-machine-web', model: 'photon', images: 4 };
  const r = checkMany(wallet, [workedExample, workedExample, workedExample, photon]);
  // The article's worked example is 75; Photon is 16 credits per batch of 4.
  // 260 credits pay for the first three (225) and leave 35 for the images.
  assert.equal(r.verdict, 'ok');
  assert.equal(r.cost, 3 * 75 + 16);
  assert.equal(r.drawn, 241);
  assert.equal(r.firstShort, null);
  assert.deepEqual(r.results.map((x) => x.draws.map((d) => [d.pool, d.credits])),
    [[['monthly', 50], ['gifted', 10], ['topUp', 15]], [['topUp', 75]], [['topUp', 75]], [['topUp', 16]]]);
  assert.deepEqual(r.walletAfter, { ...wallet, monthly: 0, gifted: 0, topUps: [{ credits: 19, purchased: '2026-01-05' }] });
  // The wallet given is left as it was.
  assert.equal(wallet.monthly, 50);
  // One more shot than the wallet pays for: the first that cannot be made.
  const short = checkMany(wallet, [workedExample, workedExample, workedExample, workedExample, photon]);
  assert.equal(short.verdict, 'insufficient');
  assert.equal(short.firstShort, 3);
  assert.deepEqual(short.results.map((x) => x.verdict), ['ok', 'ok', 'ok', 'insufficient', 'ok']);
  assert.equal(short.results[3].shortfall, 75 - 35);
  // walletAfter chains: checking the rest against it gives the same answers.
  const first = checkMany(wallet, [workedExample, workedExample]);
  const rest = checkMany(first.walletAfter, [workedExample, photon]);
  assert.deepEqual([...first.results, ...rest.results].map((x) => x.draws), r.results.map((x) => x.draws));
  assert.deepEqual(rest.walletAfter, r.walletAfter);
  // Faults name the shot; a wallet's fault is the wallet's.
  const e = thrown(() => checkMany(wallet, [workedExample, { platform: 'mars' }]));
  assert.equal(e.code, 'unknown_platform');
  assert.match(e.message, /^requests\[1\]: unknown platform "mars"/);
  assert.match(thrown(() => checkMany(wallet, [{ credits: 5, model: 'photon' }])).message, /^requests\[0\]\.model is not a known field/);
  assert.equal(thrown(() => checkMany({ ...wallet, monthly: -1 }, [])).code, 'invalid_wallet');
  assert.equal(thrown(() => checkMany(wallet, workedExample)).code, 'invalid_request');
  // The same through an Estimator.
  assert.deepEqual(new Estimator().checkMany(wallet, [workedExample]).results[0], check(wallet, workedExample));
});

test('check() says whether a balance pays and from which pools (README example)', () => {
  const wallet = {
    platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21',
    monthly: 50, gifted: 10, topUps: [{ credits: 1200, purchased: '2026-01-05' }],
  };
  const r = check(wallet, workedExample);
  assert.equal(r.verdict, 'ok');
  assert.equal(r.cost, 75);
  assert.equal(r.available, 50 + 10 + 1200);
  assert.equal(r.approximate, false);
  assert.deepEqual(r.draws, [
    { pool: 'monthly', credits: 50 },
    { pool: 'gifted', credits: 10 },
    { pool: 'topUp', credits: 15, topUpIndex: 0, purchased: '2026-01-05', expires: '2027-01-05' },
  ]);
  assert.equal(r.shortfall, 0);
  assert.equal(check({ ...wallet, topUps: [] }, { credits: 75 }).verdict, 'insufficient');
  assert.equal(thrown(() => check({ ...wallet, today: '2026-02-30' }, { credits: 5 })).code, 'invalid_wallet');
  assert.equal(thrown(() => check({ ...wallet, monthly: -1 }, { credits: 5 })).code, 'invalid_wallet');
  // A Date object where a date string goes: the message says how to write it.
  const dated = thrown(() => check({ ...wallet, today: new Date() }, { credits: 5 }));
  assert.equal(dated.code, 'invalid_wallet');
  assert.match(dated.message, /wallet\.today: expected a string, got a Date \(dates are written as "YYYY-MM-DD" strings\)/);
  const agents = { platform: 'luma-agents', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 10, spendingLimit: 5 };
  assert.equal(thrown(() => check(agents, workedExample)).code, 'platform_mismatch');
  assert.equal(check(agents, { credits: 30 }).verdict, 'paused');
});

test('check() reads a generation request that carries credits: null or undefined as the generation', () => {
  // An optional field set to null or undefined counts as left out (README,
  // "Errors"), so `{ ...request, credits: knownCost }` with no known cost is
  // still the generation, priced as quote() prices it.
  const wallet = { platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 100 };
  for (const credits of [null, undefined]) {
    const r = check(wallet, { ...workedExample, credits });
    assert.equal(r.verdict, 'ok', String(credits));
    assert.equal(r.cost, 75, String(credits));
    const agents = { platform: 'luma-agents', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 10 };
    assert.equal(thrown(() => check(agents, { ...workedExample, credits })).code, 'platform_mismatch', String(credits));
  }
  // A known cost is still one.
  assert.equal(check(wallet, { credits: 75 }).cost, 75);
  assert.equal(thrown(() => check(wallet, { ...workedExample, credits: 75 })).code, 'invalid_request');
});

test('quoteMany() prices a batch and reports failures in place', () => {
  const out = quoteMany([workedExample, { platform: 'mars' }, { platform: 'dream-machine-web', model: 'photon', images: 4 }]);
  assert.equal(out[0].credits, 75);
  assert.equal(out[1].error.code, 'unknown_platform');
  assert.equal(out[2].credits, 16);
  assert.equal(thrown(() => quoteMany('no')).code, 'invalid_request');
});

test('an Estimator prices with tables given at run time', () => {
  const tables = defaultTables();
  assert.deepEqual(new Estimator().quote(workedExample), quote(workedExample));
  tables.edition = { ...tables.edition, name: 'Second edition', effective: '2027-01-01' };
  tables.addons.upscale.rates.find((r) => r.from === '720p' && r.to === '2160p').credits = 25;
  const second = new Estimator({ tables });
  const q = second.quote(workedExample);
  assert.equal(q.credits, 80);
  assert.equal(q.edition.effective, '2027-01-01');
  assert.equal(second.catalog().edition.name, 'Second edition');
  assert.equal(quote(workedExample).credits, 75, 'the default edition is unchanged');
  const broken = structuredClone(tables);
  broken.videoWeb.clips.push({ ...broken.videoWeb.clips[0] });
  const error = thrown(() => new Estimator({ tables: broken }));
  assert.equal(error.code, 'invalid_tables');
  // Under the same root as the reader's faults (below): options.tables.
  assert.match(error.message, /^options\.tables\.videoWeb\.clips\[9\] \(.*\): duplicate row/);

  // A price left out is a fault; `null` is how tables say "not published".
  const forgotten = defaultTables();
  delete forgotten.plans.dreamMachineWeb.plans[2].monthlyUsd;
  const missing = thrown(() => new Estimator({ tables: forgotten }));
  assert.equal(missing.code, 'invalid_tables');
  assert.match(missing.message, /plans\.dreamMachineWeb\.plans\[2\]\.monthlyUsd is missing/);
  const unpublished = defaultTables();
  unpublished.plans.dreamMachineWeb.plans[2].monthlyUsd = null;
  const plus = new Estimator({ tables: unpublished }).planFit({ platform: 'dream-machine-web', usage: [] })
    .plans.find((p) => p.id === 'plus');
  assert.equal(plus.priceUsd, null);
  assert.equal(plus.eligible, false);

  // A misspelt field is named as the unknown one, not as the one missing.
  const misspelt = defaultTables();
  const clip = misspelt.videoWeb.clips[0];
  clip.credit = clip.credits;
  delete clip.credits;
  assert.match(thrown(() => new Estimator({ tables: misspelt })).message,
    /^options\.tables\.videoWeb\.clips\[0\]\.credit is not a known field: use .*credits$/);

  // Options without tables (still loading?) are a fault, not the built-in prices.
  for (const options of [{}, { tables: undefined }, { tables: null }]) {
    const e = thrown(() => new Estimator(options));
    assert.equal(e.code, 'invalid_tables');
    assert.match(e.message, /options\.tables is missing: .*new Estimator\(\) for the built-in tables/);
  }
  assert.equal(new Estimator(undefined).quote(workedExample).credits, 75);
});

test("pkg/README.md's links to the repository's files lead to them", async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { root } = await import('./load.mjs');
  const text = fs.readFileSync(path.join(root, 'pkg', 'README.md'), 'utf8');
  const links = [...text.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
  assert.ok(links.length >= 2, links.join());
  for (const link of links) assert.ok(fs.existsSync(path.join(root, 'pkg', link)), link);
});

test('isEstimatorError() tells the module\'s errors from any other value', () => {
  const { isEstimatorError } = pkg;
  const error = thrown(() => quote({ platform: 'web', model: 'photon', images: 4 }));
  assert.equal(isEstimatorError(error), true);
  const named = Object.assign(new Error('x'), { name: 'EstimatorError', code: 'unpriced' });
  assert.equal(isEstimatorError(named), true, 'any Error of that name with a documented code');
  for (const [i, other] of [
    new Error('x'),
    Object.assign(new Error('x'), { name: 'EstimatorError', code: 'sold_out' }),
    Object.assign(new TypeError('x'), { code: 'unpriced' }),
    { name: 'EstimatorError', code: 'unpriced', message: 'not an Error' },
    new Proxy(error, { get() { throw new Error('boom'); } }),
    Proxy.revocable({}, {}).proxy,
    null, undefined, 0, 'EstimatorError', Symbol('e'), 10n,
  ].entries()) {
    assert.equal(isEstimatorError(other), false, `value ${i}`);
  }
});
