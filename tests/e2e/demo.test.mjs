// The demo pricing page (www/index.html) as `npm start` serves it, with the
// strict Content-Security-Policy, Trusted Types included: no console errors
// or CSP violations, no network beyond its own files, two independent
// instances, keyboard-only use, the 320 px layout, dark mode, links that
// reproduce an estimate, and tables loaded from `tables-src`. Screenshots go
// to artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, open, widget, shown, call, quoteOf, choose, browserDate, www, screenshotPath } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('the demo page runs under the strict CSP with no errors and no foreign requests', async () => {
  const response = await fetch(env.base);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /require-trusted-types-for 'script'; trusted-types 'none'/);
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline scripts');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline styles');
  assert.match(html, /&lt;credit-estimator/, 'an embedding snippet, as text');

  const { page, context, problems, requests } = await open(env);
  const main = await widget(page, 0);
  const example = await widget(page, 1);
  assert.match(await page.locator('h1').textContent(), /.+/);
  assert.equal(await shown(main), 160, 'Ray2 720p 5 s by default');
  assert.equal(await shown(example), 75, 'the worked example');
  assert.equal((await quoteOf(example)).credits, 75);
  // Its dollars side by side read alike: 75 × $4 / 1,200 = $0.25 beside
  // 75 × $9.99 / 3,200 = $0.234140625 (Lite), 75 × $29.99 / 10,000 =
  // $0.224925 (Plus) and 75 × $94.99 / 10,000 = $0.712425 (Unlimited).
  assert.equal(await example.locator('.usd').textContent(), '$0.2500 at the top-up rate');
  assert.deepEqual(await example.locator('.rate-list .v').allTextContents(), ['$0.2500', '$0.2341', '$0.2249', '$0.7124']);
  // The widget's own stylesheet applies under style-src 'self'.
  const styled = await main.evaluate((el) => ({
    sheets: el.shadowRoot.adoptedStyleSheets.length,
    size: getComputedStyle(el.shadowRoot.querySelector('.num')).fontSize,
    mode: el.shadowRoot.mode,
  }));
  assert.deepEqual(styled, { sheets: 1, size: '56px', mode: 'open' });
  await page.screenshot({ path: screenshotPath('desktop.png'), fullPage: true });
  // Host-page CSS cannot reach inside.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { font-size: 3px !important; color: red !important; } select { display: none !important; }');
    document.adoptedStyleSheets = [sheet];
  });
  assert.equal(await main.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.num')).fontSize), '56px');
  assert.ok(await main.getByLabel('Platform').isVisible());

  const foreign = requests.filter((url) => !url.startsWith(env.base));
  assert.deepEqual(foreign, [], 'no network beyond its own files');
  assert.deepEqual(problems, []);
  // Trusted Types are in force (HTML from a string is refused), and the
  // widgets rendered under them: they write no HTML, script URL or script.
  const refused = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return false;
    } catch (error) {
      return error instanceof TypeError;
    }
  });
  assert.equal(refused, true);
  await context.close();
});

test('nothing on the page moves as the widgets appear (no layout shift)', async () => {
  // The element is defined only once its module is ready, so the page's
  // `credit-estimator:not(:defined)` rule keeps its room until then.
  // A phone, and a desktop window tall enough (2,600 px) to show both widgets
  // and what is below them: a shift off screen would not be counted.
  for (const [width, height] of [[390, 900], [1280, 2600]]) {
    const { page, context, problems } = await open(env, '', { viewport: { width, height } });
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.reload();
    const defined = await page.evaluate(() => customElements.whenDefined('credit-estimator').then(
      () => document.querySelector('credit-estimator').shadowRoot !== null));
    assert.equal(defined, true, 'defined with its shadow root in place');
    await widget(page, 1);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__shift), 0, `${width} px`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

/** What the page's first widget says in place, once it has said anything (when it could not start). */
async function saidInPlace(page) {
  await page.evaluate(() => customElements.whenDefined('credit-estimator'));
  await page.waitForFunction(() => document.querySelector('credit-estimator').shadowRoot?.textContent);
  return page.locator('credit-estimator').first().evaluate((e) => e.shadowRoot.textContent);
}

test('a wasm that cannot be loaded: the element is defined all the same and says so in place', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-estimator-'));
  fs.cpSync(www, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'pkg', 'credit_estimator_bg.wasm'));
  const local = await start({ dir });
  try {
    const { page, context } = await open(local);
    assert.match(await saidInPlace(page), /^The credit estimator could not start: /);
    assert.equal(await page.locator('credit-estimator').first().evaluate((e) => e.quote), null);
    await context.close();
  } finally {
    await local.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a wasm request that fails on the network is said in place, not thrown at the page', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/net::ERR_FAILED/.test(m.text()) && errors.push(m.text()));
  await page.route('**/credit_estimator_bg.wasm', (route) => route.abort());
  await page.goto(env.base);
  const said = await saidInPlace(page);
  assert.match(said, /^The credit estimator could not start: /);
  // It names the file and what usually blocks it, not only "Failed to fetch".
  assert.ok(said.includes(`${env.base}pkg/credit_estimator_bg.wasm could not be fetched`), said);
  assert.match(said, /Access-Control-Allow-Origin, and the page's connect-src must allow it\.$/);
  // The fetch started before anything awaited it: its failure is no
  // "Uncaught (in promise)" on the host page.
  await page.waitForTimeout(200);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a page policy without 'wasm-unsafe-eval' is said in place, with the keyword to add", async () => {
  const csp = "default-src 'self'; script-src 'self'";
  const local = await start({ csp });
  try {
    const { page, context } = await open(local);
    const said = await saidInPlace(page);
    assert.match(said, /^The credit estimator could not start: .*Content Security/);
    assert.ok(said.endsWith(" The page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src (or default-src, if it has no script-src)."), said);
    await context.close();
  } finally {
    await local.close();
  }
});

test('the element finds its files in the words bundlers look for', () => {
  // Vite and webpack emit the wasm with a bundle only where the source says
  // `new URL('<literal>', import.meta.url)`, and follow a literal `import()`;
  // a URL built another way is left for the browser, which then finds no file
  // (both checked with Vite 8 and webpack 5). So the text itself is the contract.
  const source = fs.readFileSync(path.join(www, 'credit-estimator.js'), 'utf8');
  assert.ok(source.includes("new URL('./pkg/credit_estimator_bg.wasm', import.meta.url)"));
  assert.ok(source.includes("import('./pkg/credit_estimator.js')"));
});

test('bundled into a classic script, where import.meta is empty, the widget finds its files beside that script', async () => {
  // What esbuild's default (iife) format does to the element's module: no
  // `export`, and `import.meta` an empty object. The script and its pkg/ sit
  // in vendor/, the page one folder up.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-estimator-'));
  fs.mkdirSync(path.join(dir, 'vendor'));
  fs.cpSync(path.join(www, 'pkg'), path.join(dir, 'vendor', 'pkg'), { recursive: true });
  const source = fs.readFileSync(path.join(www, 'credit-estimator.js'), 'utf8');
  const classic = source.replaceAll('import.meta', '({})').replace(/^export /m, '');
  assert.notEqual(classic, source);
  fs.writeFileSync(path.join(dir, 'vendor', 'classic.js'), classic);
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html lang="en"><title>classic</title><link rel="icon" href="data:,">
<script src="vendor/classic.js"></script>
<credit-estimator platform="dream-machine-web" model="ray-2-flash" resolution="720p" duration="5" addons="upscale:2160p"></credit-estimator>`);
  const local = await start({ dir });
  try {
    const { page, context, problems, requests } = await open(local);
    assert.equal(await shown(await widget(page)), 75);
    assert.ok(requests.some((url) => url.endsWith('/vendor/pkg/credit_estimator_bg.wasm')), requests.join('\n'));
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await local.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the API on the widget\'s page: init() after whenDefined reuses the widget\'s module (one download)', async () => {
  const { page, context, problems, requests } = await open(env);
  const credits = await page.evaluate(async () => {
    await customElements.whenDefined('credit-estimator');
    const m = await import('/pkg/credit_estimator.js');
    await m.default();
    return m.quote({
      platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5,
      addons: [{ kind: 'upscale', to: '2160p' }],
    }).credits;
  });
  assert.equal(credits, 75);
  assert.equal(requests.filter((url) => url.endsWith('_bg.wasm')).length, 1, requests.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('two instances on one page are independent', async () => {
  const { page, context, problems } = await open(env);
  const a = await widget(page, 0);
  const b = await widget(page, 1);
  await choose(a, { model: 'photon', images: 8 });
  assert.equal(await shown(a), 32);
  assert.equal(await shown(b), 75);
  await b.evaluate((el) => el.setAttribute('addons', 'upscale:1080p'));
  assert.equal(await shown(b), 65);
  assert.equal(await shown(a), 32);
  assert.equal(await a.getByLabel('Images').inputValue(), '8');
  assert.deepEqual(problems, []);
  await context.close();
});

/** `n:name`: the focused control's `name` (or tag) in the nth widget. */
function focused(page) {
  return page.evaluate(() => {
    const host = document.activeElement;
    const n = [...document.querySelectorAll('credit-estimator')].indexOf(host);
    const el = host?.shadowRoot?.activeElement;
    return `${n}:${el?.getAttribute('name') ?? el?.tagName.toLowerCase()}`;
  });
}

/** Presses Tab until the first widget's control `name` has the focus. */
async function tabTo(page, name) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === `0:${name}`) return;
  }
  throw new Error(`could not reach ${name} with Tab`);
}

test('keyboard only: Tab, arrows, Space and Enter change the selection and the total follows', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page, 0);
  await tabTo(page, 'model');
  const ring = await w.getByLabel('Model', { exact: true }).evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.equal(ring, 'solid', 'focus is visible');
  await page.keyboard.press('ArrowDown'); // Ray2 -> Ray2 Flash
  assert.equal(await shown(w), 55);
  assert.equal(await focused(page), '0:model', 'focus stays on the control');
  await tabTo(page, 'resolution');
  await page.keyboard.press('ArrowDown'); // 720p -> 1080p
  assert.equal(await shown(w), 65);
  await tabTo(page, 'upscale');
  await page.keyboard.press('ArrowDown'); // None -> 2160p
  assert.equal(await shown(w), 75);
  await tabTo(page, 'reframe');
  await page.keyboard.press('Space');
  assert.equal(await shown(w), 75 + 55);
  await tabTo(page, 'extend');
  await page.keyboard.type('9');
  assert.equal((await quoteOf(w)).credits, (await call(page, 'quote', {
    platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '1080p', durationSeconds: 5,
    addons: [{ kind: 'extend', seconds: 9 }, { kind: 'upscale', to: '2160p' }, { kind: 'reframe' }],
  })).credits);
  await tabTo(page, 'per-month');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  assert.match(await w.locator('.fit-sum').textContent(), /^3 × /);
  await tabTo(page, 'commercial');
  await page.keyboard.press('Space');
  assert.ok(await w.getByLabel('I need commercial use').isChecked());
  await tabTo(page, 'summary');
  await page.keyboard.press('Enter');
  assert.ok(await w.locator('details').evaluate((d) => d.open), 'Enter opens the balance panel');
  await tabTo(page, 'wallet-plan');
  await page.keyboard.press('ArrowDown');
  assert.match(await w.locator('.verdict').textContent(), /.+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('at 320 px nothing overflows sideways; dark mode follows prefers-color-scheme', async () => {
  const narrow = await open(env, '', { viewport: { width: 320, height: 720 } });
  for (const n of [0, 1]) await widget(narrow.page, n);
  const w = narrow.page.locator('credit-estimator').first();
  await w.getByText('Check my balance').click();
  await w.getByRole('button', { name: 'Add a top-up' }).click();
  await w.getByLabel('Bought on').fill(await browserDate(narrow.page, 40));
  await choose(w, { model: 'ray-2-flash', extend: 9, upscale: '2160p', reframe: true, modify: true });
  const fits = async (width) => {
    const overflow = await narrow.page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      widgets: [...document.querySelectorAll('credit-estimator')].map((el) => {
        const ce = el.shadowRoot.querySelector('.ce');
        return [ce.scrollWidth, ce.clientWidth, el.getBoundingClientRect().right];
      }),
    }));
    assert.ok(overflow.page <= width, `page is ${overflow.page} px wide`);
    for (const [scroll, client, right] of overflow.widgets) {
      assert.ok(scroll <= client && right <= width, JSON.stringify(overflow));
    }
  };
  await fits(320);
  await narrow.page.screenshot({ path: screenshotPath('mobile-320.png'), fullPage: true });
  // Figures far past any real use (9 trillion images) wrap; they do not
  // widen the dollar cards past the widget (two to a row from 320 px of
  // widget).
  await narrow.page.setViewportSize({ width: 400, height: 720 });
  const other = narrow.page.locator('credit-estimator').nth(1);
  await other.evaluate((el) => {
    el.removeAttribute('addons');
    for (const [k, v] of [['platform', 'dream-machine-web'], ['model', 'photon'], ['images', '9000000000000']]) {
      el.setAttribute(k, v);
    }
  });
  assert.equal(await shown(other), 36e12);
  await fits(400);
  // A reader's larger text (the page's root font size at 200%) does not
  // widen the widget past a phone's screen either.
  await narrow.page.setViewportSize({ width: 360, height: 720 });
  await narrow.page.evaluate(() => { document.documentElement.style.fontSize = '32px'; });
  await fits(360);
  assert.deepEqual(narrow.problems, []);
  await narrow.context.close();

  const dark = await open(env, '', { colorScheme: 'dark' });
  const d = await widget(dark.page, 0);
  const colours = await d.evaluate((el) => {
    const ce = getComputedStyle(el.shadowRoot.querySelector('.ce'));
    return [ce.backgroundColor, ce.color];
  });
  const luma = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  assert.ok(luma(colours[0]) < 0.2 && luma(colours[1]) > 0.8, colours.join(' on '));
  // A page that is light only keeps the widget light, whatever the
  // visitor's preference, with `color-scheme` on the element; and back.
  const scheme = (value) => d.evaluate((el, value) => {
    el.style.colorScheme = value;
    const ce = getComputedStyle(el.shadowRoot.querySelector('.ce'));
    const field = getComputedStyle(el.shadowRoot.querySelector('select'));
    return [ce.backgroundColor, ce.color, field.backgroundColor];
  }, value);
  const light = await scheme('light');
  assert.ok(luma(light[0]) > 0.9 && luma(light[1]) < 0.2 && luma(light[2]) > 0.9, light.join(' / '));
  assert.deepEqual((await scheme('')).slice(0, 2), colours);
  await d.getByText('Check my balance').click();
  await dark.page.screenshot({ path: screenshotPath('dark.png'), fullPage: true });
  assert.deepEqual(dark.problems, []);
  await dark.context.close();
});

test('sync-url keeps the selection in the URL hash, so a link reproduces the estimate', async () => {
  const { page, context } = await open(env);
  const w = await widget(page, 0);
  await choose(w, { model: 'ray-2-flash', upscale: '2160p', extend: 9 });
  await w.getByLabel('Generations a month').fill('12');
  // Plan fit's switches go into the link too, so it reproduces the plan.
  await w.getByLabel('Pay annually').check();
  await w.getByLabel('I need commercial use').check();
  // Writes are throttled (browsers limit history updates); the last one lands.
  await page.waitForFunction(() => location.hash.includes('needs=commercial-use'));
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /model=ray-2-flash/);
  assert.match(hash, /addons=extend%3A9%20upscale%3A2160p/);
  assert.match(hash, /per-month=12&billing=annual&needs=commercial-use$/);
  const quote = await quoteOf(w);
  const cards = (w) => w.locator('.plan').allTextContents();
  const fitted = await cards(w);

  const again = await open(env, hash);
  const w2 = await widget(again.page, 0);
  assert.deepEqual(await quoteOf(w2), quote);
  assert.equal(await w2.getByLabel('Generations a month').inputValue(), '12');
  assert.equal(await w2.getByLabel('Pay annually').isChecked(), true);
  assert.equal(await w2.getByLabel('I need commercial use').isChecked(), true);
  assert.deepEqual(await cards(w2), fitted);
  assert.equal(await widget(again.page, 1).then(shown), 75, 'the other instance ignores the hash');
  // Following a new link on the same page (hashchange): what it leaves out
  // is a default, plan fit's switches included.
  await again.page.evaluate(() => {
    location.hash = '#platform=dream-machine-web&model=photon&images=5';
  });
  await again.page.waitForFunction(() => document.querySelector('credit-estimator').quote?.credits === 32);
  assert.equal(await w2.getByLabel('Pay annually').isChecked(), false);
  assert.equal(await w2.getByLabel('I need commercial use').isChecked(), false);
  assert.equal(await w2.getByLabel('Generations a month').inputValue(), '10');
  // A link written by hand may leave the platform out too: Ray2 720p 10 s on
  // the web is 320 credits (the credit article's table).
  await again.page.evaluate(() => {
    location.hash = '#model=ray-2&resolution=720p&duration=10';
  });
  await again.page.waitForFunction(() => document.querySelector('credit-estimator').quote?.credits === 320);
  assert.equal(await w2.getByLabel('Platform').inputValue(), 'dream-machine-web');
  // and the link is written back whole.
  await again.page.waitForFunction(() => location.hash.startsWith('#platform=dream-machine-web&model=ray-2&resolution=720p&duration=10&'));

  // The page's own anchors are the page's: the widget neither rewrites them
  // nor announces an estimate for them.
  const events = () => again.page.evaluate(() => window.__estimates);
  await again.page.evaluate(() => {
    window.__estimates = 0;
    document.addEventListener('estimate', () => window.__estimates++);
  });
  await again.page.locator('a[href="#embed"]').click();
  await again.page.waitForTimeout(400); // past the hash-write throttle
  assert.equal(await again.page.evaluate(() => location.hash), '#embed');
  assert.equal(await events(), 0);
  // A removed element no longer writes the URL.
  const link = await again.page.evaluate(() => {
    const el = document.querySelector('credit-estimator');
    el.remove();
    history.replaceState(null, '', '#faq');
    el.setAttribute('model', 'ray-2');
    window.__removed = el;
    return location.hash;
  });
  await again.page.waitForTimeout(400);
  assert.equal(await again.page.evaluate(() => location.hash), link);
  // Put back, it catches up with what happened while it was out. The page's
  // anchor stays the page's...
  const putBack = () => again.page.evaluate(() => document.body.prepend(window.__removed));
  const takeOut = (change) => again.page.evaluate(change);
  await putBack();
  await again.page.waitForTimeout(400);
  assert.equal(await again.page.evaluate(() => location.hash), '#faq');
  // ...its own hash follows a change made while it was out...
  await choose(w2, { model: 'ray-2-flash' });
  await again.page.waitForFunction(() => location.hash.includes('model=ray-2-flash&'));
  await takeOut(() => { window.__removed.remove(); });
  await takeOut(() => { window.__removed.setAttribute('model', 'ray-2'); });
  await putBack();
  await again.page.waitForFunction(() => location.hash.includes('model=ray-2&'));
  // ...and a link followed while it was out is applied (Photon, 9 images: 3
  // batches of 16 credits).
  await takeOut(() => { window.__removed.remove(); });
  await takeOut(() => { history.replaceState(null, '', '#platform=dream-machine-web&model=photon&images=9'); });
  await putBack();
  await again.page.waitForFunction(() => document.querySelector('credit-estimator').quote?.credits === 48);
  assert.deepEqual(again.problems, []);
  await again.context.close();
  await context.close();

  // Opened at the page's own anchor, the page keeps it until the selection
  // changes.
  const anchored = await open(env, '#embed');
  const w3 = await widget(anchored.page, 0);
  await anchored.page.waitForTimeout(400); // past the hash-write throttle
  assert.equal(await anchored.page.evaluate(() => location.hash), '#embed');
  await w3.getByLabel('Generations a month').fill('7');
  await anchored.page.waitForTimeout(400);
  assert.equal(await anchored.page.evaluate(() => location.hash), '#embed');
  await choose(w3, { model: 'ray-2-flash' });
  await anchored.page.waitForFunction(() => location.hash.includes('model=ray-2-flash'));
  assert.deepEqual(anchored.problems, []);
  await anchored.context.close();
});

test('page layouts the element may land in: flex rows, centred columns, inline-block, right to left, page CSS on it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-estimator-'));
  fs.cpSync(www, dir, { recursive: true });
  // The server's CSP forbids inline styles: the host page's CSS is a file.
  fs.writeFileSync(path.join(dir, 'hosts.css'), `
.flex { display: flex; gap: 16px; }
.center { display: flex; flex-direction: column; align-items: center; }
.ib { display: inline-block; }
#unset { all: unset; }
.loud, .loud * { letter-spacing: 5px; word-spacing: 20px; text-transform: uppercase; text-align: right; font-style: italic; writing-mode: vertical-rl; }
.veiled { visibility: hidden; }
#margins { margin: 0 40px; }
`);
  fs.writeFileSync(
    path.join(dir, 'hosts.html'),
    `<!doctype html><meta charset="utf-8"><title>hosts</title><link rel="icon" href="favicon.svg">
<link rel="stylesheet" href="hosts.css">
<script type="module" src="credit-estimator.js"></script>
<div class="flex"><credit-estimator id="flex"></credit-estimator><aside>A sidebar beside the widget</aside></div>
<div class="center"><credit-estimator id="center"></credit-estimator></div>
<div class="ib"><credit-estimator id="ib"></credit-estimator></div>
<div dir="rtl" lang="ar"><credit-estimator id="rtl" locale="ar-EG"></credit-estimator></div>
<credit-estimator id="unset"></credit-estimator>
<div class="loud"><credit-estimator id="loud"></credit-estimator></div>
<div class="veiled"><credit-estimator id="veiled"></credit-estimator></div>
<credit-estimator id="margins"></credit-estimator>`,
  );
  const local = await start({ dir });
  try {
    const { page, context, problems } = await open(local, 'hosts.html');
    for (let i = 0; i < 8; i++) await widget(page, i);
    const width = (id) => page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().width);
    const body = await page.evaluate(() => document.body.getBoundingClientRect().width);
    // A flex item shares the row with the sidebar; a centred column gives it
    // the column's width; a shrink-to-fit box gives it its minimum (16rem).
    assert.ok((await width('flex')) > body - 400, `flex: ${await width('flex')} of ${body}`);
    assert.equal(await width('center'), body);
    assert.ok((await width('ib')) >= 256, `inline-block: ${await width('ib')}`);
    // Margins the page gives it are taken from its width, not added to it.
    assert.equal(await width('margins'), body - 80);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(sideways, 0);
    // The UI is English: left to right inside a right-to-left page.
    const direction = await page.locator('#rtl').evaluate((el) =>
      getComputedStyle(el.shadowRoot.querySelector('.edition')).direction);
    assert.equal(direction, 'ltr');
    // Page CSS that unsets the element cannot undo the layout inside it: two
    // columns at this width, as in the demo.
    const columns = await page.locator('#unset').evaluate((el) =>
      getComputedStyle(el.shadowRoot.querySelector('.main')).gridTemplateColumns.split(' ').length);
    assert.equal(columns, 2);
    // Text styles the page sets on the element itself (a rule for `*`)
    // do not reach the widget's text; whether it is visible still follows
    // the page.
    const text = (id) => page.locator(`#${id}`).evaluate((el) => {
      const style = getComputedStyle(el.shadowRoot.querySelector('.lbl'));
      return [style.letterSpacing, style.wordSpacing, style.textTransform, style.textAlign,
        style.fontStyle, style.writingMode, style.visibility].join(' ');
    });
    assert.equal(await text('loud'), await text('center'));
    assert.equal(await text('center'), 'normal 0px none start normal horizontal-tb visible');
    assert.equal((await text('veiled')).split(' ').at(-1), 'hidden');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await local.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('tables-src that never answers is given up after 30 s, and says so', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  // The server holds the request for good; the timeout asked for is
  // recorded, then run short so the test does not wait 30 s.
  await page.route('**/editions/hung.json', () => {});
  await page.evaluate(() => {
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    window.asked = [];
    AbortSignal.timeout = (ms) => {
      window.asked.push(ms);
      return timeout(200);
    };
  });
  await w.evaluate((el) => el.setAttribute('tables-src', 'editions/hung.json'));
  assert.equal(await w.locator('.why').textContent(), 'Loading prices…');
  await page.waitForFunction(() =>
    document.querySelector('credit-estimator').shadowRoot.querySelector('.why').textContent !== 'Loading prices…');
  assert.equal(await w.locator('.why').textContent(),
    'The prices in tables-src “editions/hung.json” could not be used: the server did not answer within 30 s');
  assert.deepEqual(await page.evaluate(() => window.asked), [30000]);
  assert.equal(await quoteOf(w), null);
  // Removed, the built-in prices are back.
  await w.evaluate((el) => el.removeAttribute('tables-src'));
  assert.equal(await shown(w), 160);
  assert.deepEqual(problems.filter((p) => !p.includes('hung.json')), []);
  await context.close();
});

test('tables-src: a second edition of the tables changes the total; a bad one is reported', async () => {
  // A copy of www/ with two extra editions and a page that uses them.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-estimator-'));
  fs.cpSync(www, dir, { recursive: true });
  const probe = await open(env);
  await widget(probe.page, 0);
  const tables = await call(probe.page, 'defaultTables');
  await probe.context.close();
  const second = structuredClone(tables);
  second.edition = { ...second.edition, name: 'Second edition (test)', effective: '2027-01-01' };
  const clip = second.videoWeb.clips.find((c) => c.model === 'ray-2-flash' && c.resolution === '720p' && c.seconds === 5);
  clip.credits = 60;
  // Modify at 500 per 5 s (not the articles' 400): no figure of the built-in
  // edition may show in a widget priced from this one.
  second.addons.modify.clips = [{ clipSeconds: 5, credits: 500 }, { clipSeconds: 10, credits: 1000 }];
  fs.mkdirSync(path.join(dir, 'editions'));
  fs.writeFileSync(path.join(dir, 'editions', 'second.json'), JSON.stringify(second));
  // An image model made one at a time with no reframe rate, and modify
  // published as an exact figure.
  const third = structuredClone(tables);
  third.catalog.models.push({ id: 'image-v2', name: 'Image V2', product: 'dream-machine', output: 'image' });
  third.images.rates.push({ model: 'image-v2', platforms: ['dream-machine-web'], creditsPerImage: 8, imagesPerBatch: 1 });
  third.addons.modify.approximate = false;
  fs.writeFileSync(path.join(dir, 'editions', 'third.json'), JSON.stringify(third));
  const broken = structuredClone(tables);
  broken.videoWeb.clips[0].credits = -5;
  fs.writeFileSync(path.join(dir, 'editions', 'broken.json'), JSON.stringify(broken));
  // Well-formed, but a row given twice: a fault of the validator, not of the reader.
  const twice = structuredClone(tables);
  twice.videoWeb.clips.push({ ...twice.videoWeb.clips[0] });
  fs.writeFileSync(path.join(dir, 'editions', 'twice.json'), JSON.stringify(twice));
  fs.writeFileSync(
    path.join(dir, 'editions.html'),
    `<!doctype html><meta charset="utf-8"><title>editions</title><link rel="icon" href="favicon.svg">
<script type="module" src="credit-estimator.js"></script>
<credit-estimator id="second" tables-src="editions/second.json" model="ray-2-flash" addons="upscale:2160p"></credit-estimator>
<credit-estimator id="broken" tables-src="editions/broken.json"></credit-estimator>
<credit-estimator id="modify" tables-src="editions/second.json" model="ray-2" addons="modify"></credit-estimator>
<credit-estimator id="builtin" model="ray-2-flash" addons="upscale:2160p"></credit-estimator>
<credit-estimator id="third" tables-src="editions/third.json" model="image-v2" images="3"></credit-estimator>`,
  );
  const local = await start({ dir });
  try {
    const { page, context, problems, requests } = await open(local, 'editions.html');
    const w = page.locator('#second');
    await page.waitForFunction(() => document.getElementById('second').quote);
    assert.equal((await quoteOf(w)).credits, 60 + 20);
    assert.equal((await quoteOf(w)).edition.effective, '2027-01-01');
    assert.equal(await shown(w), 80);
    assert.match(await w.locator('.edition').textContent(), /Prices as of Jan 1, 2027/);
    assert.equal(await shown(page.locator('#builtin')), 75, 'other instances keep the built-in tables');

    await page.waitForFunction(() => document.getElementById('modify').quote);
    const modify = page.locator('#modify');
    assert.equal(await shown(modify), 160 + 500);
    const text = await modify.evaluate((el) => el.shadowRoot.textContent);
    assert.match(text, /about 500 credits/);
    assert.doesNotMatch(text, /\b400\b/, 'no figure of the built-in edition shows');

    // Reframe is off for Image V2 for its own reason, not the video
    // add-ons'; and modify is not labelled approximate where it is not.
    await page.waitForFunction(() => document.getElementById('third').quote);
    const third = page.locator('#third');
    assert.equal(await shown(third), 3 * 8);
    const offWhy = await third.locator('#off-why').textContent();
    assert.match(offWhy, /Reframe of Image V2 images: the article publishes no rate\./);
    assert.match(offWhy, /^Extend, upscale and modify apply to video, not to Image V2 images/);
    assert.equal(await third.getByLabel('Reframe').getAttribute('aria-describedby'), 'off-why');
    assert.equal(await third.locator('label[for=f-modify]').textContent(), 'Modify');
    assert.equal(await page.locator('#builtin label[for=f-modify]').textContent(), 'Modify (approximate)');

    await page.waitForFunction(() => /could not be used/.test(document.getElementById('broken').shadowRoot.textContent));
    const bad = page.locator('#broken');
    assert.match(await bad.locator('.why').textContent(), /: tables\.videoWeb\.clips\[0\]\.credits/);
    assert.equal(await quoteOf(bad), null);

    // Another origin is refused before any request: a fetch the browser
    // blocks would still be a CSP violation on the host page.
    for (const foreign of ['https://example.invalid/prices.json', '//example.invalid/p.json', 'data:application/json,{}']) {
      await bad.evaluate((el, src) => el.setAttribute('tables-src', src), foreign);
      assert.match(await bad.locator('.why').textContent(), /not a URL on this page's origin \(http:\/\/127\.0\.0\.1:\d+\)/, foreign);
      assert.equal(await quoteOf(bad), null);
    }
    assert.deepEqual(requests.filter((url) => !url.startsWith(local.base)), []);
    // Both kinds of fault name their row from the same root, `tables`.
    await bad.evaluate((el) => el.setAttribute('tables-src', 'editions/twice.json'));
    await page.waitForFunction(() => /twice\.json/.test(document.getElementById('broken').shadowRoot.textContent));
    assert.match(await bad.locator('.why').textContent(), /: tables\.videoWeb\.clips\[9\] \(.*\): duplicate row/);

    // Good tables swapped for bad ones: listeners hear once that there is
    // no quote now (as the new file loads; its failure changes nothing more),
    // and the old edition is not shown over the error.
    await w.evaluate((el) => {
      window.__heard = [];
      el.addEventListener('estimate', (e) => window.__heard.push([e.detail.request, e.detail.quote]));
      el.setAttribute('tables-src', 'editions/broken.json');
    });
    await page.waitForFunction(() => /could not be used/.test(document.getElementById('second').shadowRoot.textContent));
    await page.waitForTimeout(100); // any event the failure caused has come
    assert.deepEqual(await page.evaluate(() => window.__heard), [[null, null]]);
    assert.equal(await w.locator('.edition').textContent(), '');
    // Nor are plan fit and the balance check, which need prices; the total
    // is said in words, muted and smaller than a figure.
    assert.equal(await w.locator('.fit').isVisible(), false);
    assert.equal(await w.locator('.balance').isVisible(), false);
    assert.equal(await w.getByRole('status').textContent(), 'No estimate');
    const [size, color, figure] = await w.locator('.num').evaluate((e) => [
      parseFloat(getComputedStyle(e).fontSize),
      getComputedStyle(e).color,
      getComputedStyle(e.getRootNode().querySelector('.title')).color,
    ]);
    assert.ok(size < 40, `${size}px`);
    assert.notEqual(color, figure);

    // Removing the attribute goes back to the built-in edition.
    const event = page.evaluate(() => new Promise((resolve) =>
      document.getElementById('second').addEventListener('estimate', (e) => resolve(e.detail.quote.credits), { once: true })));
    await w.evaluate((el) => el.removeAttribute('tables-src'));
    assert.equal(await event, 75);
    assert.equal(await w.locator('.fit').isVisible(), true);
    assert.equal(await w.locator('.balance').isVisible(), true);
    assert.equal(await w.locator('.num').evaluate((e) => getComputedStyle(e).fontWeight), '800');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await local.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
