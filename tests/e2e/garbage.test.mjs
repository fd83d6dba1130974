// The <credit-estimator> element under thousands of arbitrary changes, in
// Chromium: attribute values no page should set (huge, control characters,
// markup, numbers out of range), every control in its shadow root set to
// values its menus do not offer, buttons clicked, elements moved between
// parents, detached, moved into another document and back. Whatever happens,
// the page sees no error, every `estimate` it is sent holds exactly what
// quote() gives for its request, no markup from an attribute becomes an
// element, and each widget still prices the article's worked example.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, widget } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('thousands of arbitrary attributes, inputs and DOM moves never break the widget', async () => {
  // WIDGET_SEED=n replays or varies the run.
  const seed = Number(process.env.WIDGET_SEED ?? 20261121);
  const { page, context, problems } = await open(env);
  await widget(page);
  const report = await page.evaluate(async (seed) => {
    const m = await import('/pkg/credit_estimator.js');
    await m.default();
    let state = seed;
    const random = () => {
      // mulberry32: a small seeded generator, so a failure can be replayed.
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
    const pick = (list) => list[Math.floor(random() * list.length)];

    const ids = m.catalog();
    const words = [
      ...ids.platforms.flatMap((p) => [p.id, ...p.models.map((x) => x.id)]), ...ids.resolutions,
      '', ' ', '5', '10', '7', '0', '-1', '1e308', '-0', 'NaN', 'Infinity', '9007199254740993', '2.5', '0x10',
      ' 5 ', '５', 'RAY-2', 'ray-2\u0000', '\u202eflash', '😀', 'a'.repeat(100_000),
      '<img src=x onerror="window.injected=1">', '<script>window.injected=1</script>', '"><x-injected>text</x-injected>',
      'upscale:2160p extend:9 reframe modify', 'upscale:1080p', 'extend:3', 'extend:-1', 'extend:1e400',
      'upscale:', 'upscale:2160p upscale:1080p', 'modify modify', 'reframe   extend:0.5', ':', 'extend:',
      'de-DE', 'ar-EG', 'ja-JP-u-nu-jpan', 'x-not-a-locale!', 'lite', 'plus', 'unlimited', 'gold',
      'true', 'false', 'null', 'undefined', '__proto__', 'constructor', 'toString',
    ];
    const typed = {
      number: ['', '0', '1', '3', '5', '10', '12.5', '-1', '1e308', '9007199254740993', '0.000001'],
      date: ['', '2026-01-31', '2024-02-29', '1970-01-01', '9999-12-31', '2030-06-01'],
    };
    const sources = ['/missing.json', 'favicon.svg', 'site.css', '/pkg/credit_estimator.js',
      'https://example.invalid/tables.json', 'data:application/json,{}', 'javascript:alert(1)', '//example.invalid/x'];
    const attributes = ['platform', 'model', 'resolution', 'duration', 'images', 'addons', 'plan', 'locale',
      'per-month', 'sync-url', 'compact', 'hidden', 'tables-src', 'class', 'unknown-attribute'];

    const failures = [];
    let estimates = 0;
    document.addEventListener('estimate', (event) => {
      estimates++;
      const el = event.target;
      const { request, quote } = event.detail ?? {};
      if (quote !== el.quote) failures.push('detail.quote is not the element\'s quote');
      if (quote === null || el.hasAttribute('tables-src')) return;
      let expected;
      try {
        expected = JSON.stringify(m.quote(request));
      } catch (error) {
        expected = `threw ${error.code}: ${error.message}`;
      }
      const got = JSON.stringify(quote);
      if (got !== expected) failures.push(`quote ${got} for ${JSON.stringify(request)} but quote() gives ${expected}`);
    });

    const parents = [document.body, document.createElement('div'), document.createElement('section')];
    document.body.append(parents[2]);
    const inert = document.implementation.createHTMLDocument('inert');
    const elements = [];
    for (let i = 0; i < 3; i++) {
      const el = document.createElement('credit-estimator');
      pick(parents).append(el);
      elements.push(el);
    }
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    const controls = (el) => [...(el.shadowRoot?.querySelectorAll('select, input, button, summary') ?? [])];

    for (let step = 0; step < 3000; step++) {
      const el = pick(elements);
      const roll = random();
      try {
        if (roll < 0.4) {
          const name = pick(attributes);
          // A tables-src that cannot be used stops the estimates until it
          // goes, so it is set only now and then.
          if (name !== 'tables-src') el.setAttribute(name, pick(words));
          else if (random() < 0.2) el.setAttribute(name, pick(sources));
        } else if (roll < 0.5) {
          el.removeAttribute(random() < 0.3 ? 'tables-src' : pick(attributes));
        } else if (roll < 0.85) {
          const control = pick(controls(el));
          if (!control) continue;
          if (control.tagName === 'SELECT') {
            control.value = random() < 0.8 && control.options.length
              ? pick([...control.options]).value
              : pick(words);
          } else if (control.tagName === 'INPUT' && control.type !== 'checkbox') {
            // Number and date inputs take only what a person could enter in
            // them (the browser warns of anything else); text takes anything.
            control.value = pick(typed[control.type] ?? words);
          } else {
            control.click();
          }
          control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
        } else if (roll < 0.93) {
          pick(parents).append(el);
        } else if (roll < 0.96) {
          el.remove();
        } else if (roll < 0.98) {
          inert.body.append(el);
          if (random() < 0.5) document.body.append(document.adoptNode(el));
        } else {
          await tick();
        }
      } catch (error) {
        failures.push(`step ${step}: the page got ${error?.name}: ${error?.message}`);
      }
      // Lets the element's `estimate` (a microtask) go out before the next step.
      await Promise.resolve();
      if (el.quote !== null && typeof el.quote !== 'object') failures.push(`quote is ${typeof el.quote}`);
      const stray = el.shadowRoot?.querySelector('x-injected, script, img, iframe, object, embed');
      if (stray || window.injected) failures.push(`markup from an attribute became an element at step ${step}`);
      if (failures.length > 5) break;
    }

    // Every element back on the page, with the worked example: each prices 75.
    await tick();
    const totals = [];
    for (const el of elements) {
      for (const name of el.getAttributeNames()) el.removeAttribute(name);
      document.body.append(el);
      for (const [k, v] of Object.entries({ platform: 'dream-machine-web', model: 'ray-2-flash',
        resolution: '720p', duration: '5', addons: 'upscale:2160p' })) el.setAttribute(k, v);
      totals.push(el.quote?.credits ?? null);
    }
    return { failures, estimates, totals, example: m.quote({ platform: 'dream-machine-web', model: 'ray-2-flash',
      resolution: '720p', durationSeconds: 5, addons: [{ kind: 'upscale', to: '2160p' }] }).credits };
  }, seed);

  assert.deepEqual(report.failures, []);
  console.log(`# seed ${seed}: ${report.estimates} estimate events checked`);
  assert.ok(report.estimates > 500, `only ${report.estimates} estimate events`);
  assert.deepEqual(report.totals, [75, 75, 75]);
  assert.equal(report.example, 75);
  // The browser logs the 404 of a tables-src that does not exist; nothing
  // else may be logged.
  const missing = /Failed to load resource: the server responded with a status of 404/;
  assert.deepEqual(problems.filter((p) => !missing.test(p)), []);
  await context.close();
});
