// npm run bench: speed of the estimator on this machine, in one run.
//   node:     quote() through the wasm boundary vs a plain-JS table lookup
//             (same requests, interleaved rounds, median of rounds), quoteMany(),
//             check() over a 10,000-generation storyboard and checkMany() of it,
//             planFit() over 100 lines
//   chromium: module first byte -> first rendered estimate, and input change ->
//             updated total (median and p95 over 200 changes)
// `npm run bench -- --record` also writes the results into BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { root } from './lib.mjs';

const pkgDir = path.join(root, 'pkg');
const pkg = await import(path.join(pkgDir, 'credit_estimator.js'));
pkg.initSync({ module: fs.readFileSync(path.join(pkgDir, 'credit_estimator_bg.wasm')) });
const { quote, quoteMany, check, checkMany, planFit, catalog, defaultTables } = pkg;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

// The same mix of requests for every contender: every priced clip and image
// count from the catalog, some with add-ons.
function requests() {
  const out = [];
  for (const platform of catalog().platforms) {
    for (const model of platform.models.filter((m) => m.priced)) {
      if (model.images) {
        for (const images of [1, 4, 6, 9]) out.push({ platform: platform.id, model: model.id, images });
        continue;
      }
      for (const res of model.resolutions) {
        const lengths = res.clips.length ? res.clips.map((c) => c.seconds) : [3, 5, 9, 12];
        for (const durationSeconds of lengths) {
          const upscale = res.addons.find((a) => a.kind === 'upscale');
          out.push({ platform: platform.id, model: model.id, resolution: res.id, durationSeconds });
          if (upscale) {
            out.push({ platform: platform.id, model: model.id, resolution: res.id, durationSeconds,
              addons: [{ kind: 'upscale', to: upscale.to.at(-1) }, { kind: 'extend', seconds: 5 }] });
          }
        }
      }
    }
  }
  return out;
}

// The plain-JS baseline: the same tables (defaultTables()), looked up in JS
// objects built once. It validates ids, prices the clip and the add-ons and
// returns { credits, lines } — the arithmetic without the wasm boundary,
// messages, notes or dollars.
function plainJs() {
  const t = defaultTables();
  const step = t.addons.billing.stepSeconds;
  const clips = new Map(t.videoWeb.clips.map((c) => [`${c.model}|${c.resolution}|${c.seconds}`, c.credits]));
  const perSecond = new Map(t.videoIos.rates.map((r) => [`${r.model}|${r.resolution}`, r.creditsPerSecond]));
  const upscale = new Map(t.addons.upscale.rates.map((r) => [`${r.from}|${r.to}`, r.credits * step / r.clipSeconds]));
  const reframe = new Map(t.addons.reframe.videos.map((r) => [r.model, r.creditsPerSecond]));
  const modify = t.addons.modify.clips[0].credits * step / t.addons.modify.clips[0].clipSeconds;
  const image = t.images.rates[0];
  return function jsQuote(r) {
    const lines = [];
    if (r.model === image.model) {
      const batches = Math.ceil(r.images / image.imagesPerBatch);
      lines.push({ item: 'images', credits: batches * image.imagesPerBatch * image.creditsPerImage });
    } else {
      let rateStep;
      if (r.platform === t.videoWeb.platform) {
        const credits = clips.get(`${r.model}|${r.resolution}|${r.durationSeconds}`);
        if (credits === undefined) throw new Error('unsupported');
        lines.push({ item: 'video', credits });
        rateStep = clips.get(`${r.model}|${r.resolution}|${step}`);
      } else {
        const rate = perSecond.get(`${r.model}|${r.resolution}`);
        if (rate === undefined) throw new Error('unpriced');
        lines.push({ item: 'video', credits: Math.ceil(r.durationSeconds / step) * step * rate });
        rateStep = rate * step;
      }
      let seconds = r.durationSeconds;
      for (const a of r.addons ?? []) {
        if (a.kind === 'extend') {
          lines.push({ item: 'extend', credits: Math.ceil(a.seconds / step) * rateStep });
          seconds += a.seconds;
        }
      }
      const steps = Math.ceil(seconds / step);
      for (const a of r.addons ?? []) {
        if (a.kind === 'upscale') lines.push({ item: 'upscale', credits: steps * upscale.get(`${r.resolution}|${a.to}`) });
        if (a.kind === 'reframe') lines.push({ item: 'reframe', credits: steps * step * reframe.get(r.model) });
        if (a.kind === 'modify') lines.push({ item: 'modify', credits: steps * modify });
      }
    }
    return { credits: lines.reduce((s, l) => s + l.credits, 0), lines };
  };
}

/** Calls per second of `fn` over `reqs`, `calls` calls per round. */
function rate(fn, reqs, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) fn(reqs[i % reqs.length]);
  return calls / ((performance.now() - start) / 1000);
}

function nodeBench() {
  const reqs = requests();
  const jsQuote = plainJs();
  // The baseline must agree with quote() before its speed means anything.
  for (const r of reqs) {
    if (jsQuote(r).credits !== quote(r).credits) throw new Error(`baseline disagrees on ${JSON.stringify(r)}`);
  }
  const batch = reqs.concat(reqs, reqs, reqs); // quoteMany over batches of this size
  const rounds = { wasm: [], js: [], many: [] };
  const calls = 20000;
  for (let round = 0; round < 9; round++) {
    rounds.wasm.push(rate(quote, reqs, calls));
    rounds.js.push(rate(jsQuote, reqs, calls));
    const start = performance.now();
    let n = 0;
    while (n < calls) n += quoteMany(batch).length;
    rounds.many.push(n / ((performance.now() - start) / 1000));
  }

  // check(): a storyboard of 10,000 generations against one wallet.
  const wallet = {
    platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 5000, gifted: 100,
    topUps: [{ credits: 1200, purchased: '2026-03-01' }, { credits: 1200, purchased: '2026-06-15' }],
  };
  const storyboard = Array.from({ length: 10000 }, (_, i) => reqs[i % reqs.length]);
  const checkTimes = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (const r of storyboard) check(wallet, r);
    checkTimes.push((performance.now() - start) / storyboard.length);
  }
  // checkMany(): the same storyboard in one call, each generation drawn from
  // what the ones before it left (the wallet runs out part of the way).
  const manyTimes = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    checkMany(wallet, storyboard);
    manyTimes.push(performance.now() - start);
  }

  // planFit(): 100 usage lines.
  const web = reqs.filter((r) => r.platform === 'dream-machine-web');
  const usage = Array.from({ length: 100 }, (_, i) => ({ request: web[i % web.length], perMonth: (i % 7) + 1 }));
  const fitTimes = [];
  for (let round = 0; round < 9; round++) {
    const start = performance.now();
    for (let i = 0; i < 50; i++) planFit({ platform: 'dream-machine-web', usage });
    fitTimes.push((performance.now() - start) / 50);
  }
  return {
    requests: reqs.length,
    quotePerSecond: median(rounds.wasm),
    jsPerSecond: median(rounds.js),
    quoteManyPerSecond: median(rounds.many),
    checkMicros: median(checkTimes) * 1000,
    checkManyMillis: median(manyTimes),
    planFitMicros: median(fitTimes) * 1000,
  };
}

async function browserBench() {
  if (!fs.existsSync(path.join(root, 'www', 'credit-estimator.js'))) return null;
  const { launchChromium } = await import('./browser.mjs');
  const { serve } = await import('./serve.mjs');
  const server = await serve({ port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // First estimate: from the request for the module's first byte (performance
    // entry of credit_estimator.js) to the first `estimate` event of a fresh element.
    const firsts = [];
    for (let i = 0; i < 15; i++) {
      // A fresh context each time: nothing cached, as on a first visit.
      const context = await browser.newContext();
      const fresh = await context.newPage();
      // The page logs the figure (www/bench.js); nothing is run in the page
      // until then, so the harness adds no work to the interval.
      const logged = fresh.waitForEvent('console', (m) => m.text().startsWith('bench:first-estimate '));
      await fresh.goto(`${base}/bench.html`, { waitUntil: 'commit' });
      firsts.push(Number((await logged).text().split(' ')[1]));
      await context.close();
    }
    await page.goto(`${base}/bench.html`);
    await page.waitForFunction(() => window.benchFirstEstimate !== undefined);
    // Updates: change the duration input 200 times, time until the status text changes.
    const updates = await page.evaluate(() => window.benchUpdates(200));
    return { firstEstimateMs: median(firsts), updateMedianMs: median(updates), updateP95Ms: percentile(updates, 0.95) };
  } finally {
    await browser.close();
    server.close();
  }
}

const results = { node: nodeBench(), browser: await browserBench().catch((e) => ({ error: e.message })) };
const n = results.node;
const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const rows = [
  ['quote() through the wasm boundary', `${fmt(n.quotePerSecond)} calls/s`, 'not slower than plain JS'],
  ['plain-JS table lookup (same requests)', `${fmt(n.jsPerSecond)} calls/s`, 'baseline'],
  ['quoteMany() (batches of ' + n.requests * 4 + ')', `${fmt(n.quoteManyPerSecond)} quotes/s`, 'not slower than plain JS'],
  ['check(), storyboard of 10,000 generations', `${fmt(n.checkMicros, 2)} µs per call`, ''],
  ['checkMany(), the same storyboard in one call', `${fmt(n.checkManyMillis, 1)} ms per call`, ''],
  ['planFit(), 100 usage lines', `${fmt(n.planFitMicros, 1)} µs per call`, ''],
];
const b = results.browser;
if (b && !b.error) {
  rows.push(['first estimate (module first byte → estimate event)', `${fmt(b.firstEstimateMs, 1)} ms`, 'under 50 ms']);
  rows.push(['input change → updated total, median', `${fmt(b.updateMedianMs, 3)} ms`, '']);
  rows.push(['input change → updated total, p95 (200 changes)', `${fmt(b.updateP95Ms, 3)} ms`, 'under 2 ms']);
} else if (b?.error) {
  rows.push(['browser benchmarks', `failed: ${b.error}`, '']);
}
const table = ['| measure | result | goal |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
console.log(table);

if (process.argv.includes('--record')) {
  const chromiumVersion = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'unknown';
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; Node ${process.version}; ${chromiumVersion}`;
  const file = path.join(root, 'BENCHMARKS.md');
  const text = fs.readFileSync(file, 'utf8');
  const section = `<!-- bench:start -->\nRecorded ${new Date().toISOString().slice(0, 10)} on ${machine}.\n\n${table}\n<!-- bench:end -->`;
  fs.writeFileSync(file, text.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section));
  console.log('\nrecorded in BENCHMARKS.md');
}
