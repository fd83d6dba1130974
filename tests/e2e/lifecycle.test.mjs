// The <credit-estimator> element taken off the page: a page that drops it
// (a single-page app leaving its pricing route) gets its memory back, and a
// page that puts it back later (a tab, a cached view) finds it as the
// visitor left it. A move within one task changes nothing at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, widget, shown, choose } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Collects garbage in the page until finalizers have had their turn. */
async function collect(page) {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 4; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 30)));
  }
  await cdp.detach();
}

test('a widget the page drops is garbage-collected, and its memory is used again', async () => {
  const { page, context, problems } = await open(env);
  await widget(page);
  const made = 30;
  const round = () =>
    page.evaluate((made) => {
      window.dropped = [];
      for (let i = 0; i < made; i++) {
        const el = document.createElement('credit-estimator');
        el.setAttribute('model', 'ray-2');
        el.setAttribute('addons', 'upscale:1080p modify');
        document.body.append(el);
        if (!/\d/.test(el.shadowRoot.querySelector('[role=status]').textContent)) throw new Error('no total');
        el.remove();
        window.dropped.push(new WeakRef(el));
      }
    }, made);
  // The module's memory (it only grows): the wasm's own instance, which the
  // widgets share.
  const memory = () =>
    page.evaluate(async () => (await (await import('/pkg/credit_estimator.js')).default()).memory.buffer.byteLength);

  await round();
  await collect(page);
  // Every element is gone once the page holds none (all 30 stayed, each with
  // its shadow DOM and state, when the widget held its element strongly).
  const alive = await page.evaluate(() => window.dropped.filter((ref) => ref.deref()).length);
  assert.ok(alive <= 1, `${alive} of ${made} dropped widgets are still alive`);

  // Their state was freed, so more widgets reuse its memory (each one took
  // about 2 KB more for good before).
  const after1 = await memory();
  for (let i = 0; i < 4; i++) {
    await round();
    await collect(page);
  }
  assert.equal(await memory(), after1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('taken off the page and put back later, a widget is as the visitor left it', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await choose(w, { model: 'ray-2-flash', resolution: '1080p', duration: 10, upscale: '2160p' });
  assert.equal(await shown(w), 150);
  await w.getByText('Check my balance').click();
  await w.getByLabel('Monthly credits left').fill('90');
  const verdict = await w.locator('.verdict').textContent();
  assert.ok(verdict.length > 0);
  await page.evaluate(() => {
    const el = document.querySelector('credit-estimator');
    window.el = el;
    window.spot = { parent: el.parentNode, next: el.nextSibling, status: el.shadowRoot.querySelector('[role=status]') };
    window.events = 0;
    el.addEventListener('estimate', () => window.events++);
    el.remove();
  });
  await collect(page);
  // While out, its DOM waits outside the shadow root (nodes inside lead to
  // the element, so holding them there would keep a dropped one alive), and
  // the page may still read it, change it and hear of it.
  const out = await page.evaluate(async () => {
    const el = window.el;
    const before = el.quote.credits;
    el.setAttribute('duration', '5');
    await new Promise((resolve) => setTimeout(resolve));
    return {
      before,
      after: el.quote.credits,
      events: window.events,
      children: el.shadowRoot.childNodes.length,
      connected: el.isConnected,
    };
  });
  assert.deepEqual(out, { before: 150, after: 75, events: 1, children: 0, connected: false });

  // Put back, it shows the same DOM, with everything the visitor had set.
  await page.evaluate(() => window.spot.parent.insertBefore(window.el, window.spot.next));
  assert.equal(await page.evaluate(() => window.spot.status.getRootNode() === window.el.shadowRoot), true);
  assert.equal(await shown(w), 75);
  assert.equal(await w.getByLabel('Model', { exact: true }).inputValue(), 'ray-2-flash');
  assert.equal(await w.getByLabel('Resolution').inputValue(), '1080p');
  assert.equal(await w.getByLabel('Upscale').inputValue(), '2160p');
  assert.ok(await w.locator('details').evaluate((d) => d.open));
  assert.equal(await w.getByLabel('Monthly credits left').inputValue(), '90');

  // And it still answers the visitor and the page.
  await choose(w, { duration: 10 });
  assert.equal(await shown(w), 150);
  assert.equal(await w.evaluate((el) => el.quote.credits), 150);
  assert.equal(await page.evaluate(() => window.events), 2);
  assert.equal(await w.locator('.verdict').textContent(), verdict);
  assert.deepEqual(problems, []);
  await context.close();
});

test('moved within one task, a widget keeps its DOM', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  const kept = await page.evaluate(async () => {
    const el = document.querySelector('credit-estimator');
    const status = el.shadowRoot.querySelector('[role=status]');
    // A sheet the page adopted into the open shadow root stays.
    const mine = new CSSStyleSheet();
    el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, mine];
    // Not even parked and put back: the shadow root's children never change.
    const changes = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(el.shadowRoot, { childList: true });
    const box = document.createElement('div');
    document.body.prepend(box);
    box.append(el);
    await new Promise((resolve) => setTimeout(resolve));
    observer.disconnect();
    return {
      same: status.isConnected && el.shadowRoot.contains(status),
      changes: changes.length,
      sheets: el.shadowRoot.adoptedStyleSheets.length,
      mine: el.shadowRoot.adoptedStyleSheets.includes(mine),
    };
  });
  assert.deepEqual(kept, { same: true, changes: 0, sheets: 2, mine: true });
  await choose(w, { upscale: '1080p' });
  assert.equal(await shown(w), 170);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in a same-origin iframe the widget works and is styled, and back on the page it is styled again', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  const report = await page.evaluate(async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve));
    const frame = document.createElement('iframe');
    frame.style.width = `${document.documentElement.clientWidth}px`; // the page's layout
    document.body.append(frame);
    const inner = frame.contentDocument;
    // Made and first connected there: it renders, styled by a sheet made by
    // the iframe's window (a sheet made by the page's is refused there, and
    // that refusal once stopped the widget with an exception).
    const fresh = document.createElement('credit-estimator');
    fresh.setAttribute('model', 'ray-2');
    inner.body.append(fresh);
    await tick();
    const size = (el) => getComputedStyle(el.shadowRoot.querySelector('.num')).fontSize;
    const made = {
      total: fresh.shadowRoot.querySelector('[role=status]')?.textContent,
      credits: fresh.quote?.credits,
      size: size(fresh),
    };
    // One of the page's (with sync-url), moved there and back. There it
    // does not follow the page's URL, which is not its document's.
    const el = document.querySelector('credit-estimator');
    inner.body.append(el);
    await tick();
    location.hash = 'model=photon';
    await tick();
    const there = {
      total: el.shadowRoot.querySelector('[role=status]')?.textContent,
      size: size(el),
      sheets: el.shadowRoot.adoptedStyleSheets.length,
      same: el.shadowRoot.adoptedStyleSheets[0] === fresh.shadowRoot.adoptedStyleSheets[0],
    };
    document.body.prepend(el);
    await tick();
    return { made, there, back: el.shadowRoot.adoptedStyleSheets.length, size: size(el) };
  });
  assert.deepEqual(report, {
    made: { total: '160 credits', credits: 160, size: '56px' },
    there: { total: '160 credits', size: '56px', sheets: 1, same: true },
    back: 1,
    size: '56px',
  });
  await choose(w, { duration: 10 });
  assert.equal(await shown(w), 320);
  assert.deepEqual(problems, []);
  await context.close();
});
