// Accessibility of the demo page and the widget, checked by axe-core (the
// WCAG rules Deque maintains; it reads open shadow roots, so the widget's
// controls, labels, live regions and colours are checked with the page's) in
// the states a visitor reaches: light and dark, desktop and phone, the
// balance panel with a verdict and a message, Luma Agents, plan fit's
// switches, an approximate cost, a bad attribute.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { start, open, widget, choose } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The demo page in a fresh context, axe injected (the page's CSP would refuse it). */
async function openPage({ width = 1280, colorScheme = 'light' } = {}) {
  const { context, page } = await open(env, '', { viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
  const w = await widget(page);
  await page.addScriptTag({ content: axeSource });
  return { context, page, w };
}

/** axe's violations on the whole page, as "rule: target" lines. */
async function violations(page) {
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.flat().join(' >> ')}: ${n.failureSummary}`));
  });
}

const states = {
  'as it opens': async () => {},
  'the balance panel with a verdict and a message': async (w) => {
    await w.getByText('Check my balance').click();
    await w.getByLabel(/^My .* plan$/).selectOption('lite');
    await w.getByLabel('Monthly credits left').fill('5000');
    await w.getByRole('button', { name: 'Add a top-up' }).click();
    await w.getByLabel('Credits', { exact: true }).fill('-5');
  },
  'not enough credits': async (w) => {
    await w.getByText('Check my balance').click();
    await w.getByLabel(/^My .* plan$/).selectOption('plus');
    await w.getByLabel('Monthly credits left').fill('3');
  },
  'Luma Agents, costs not published': async (w) => choose(w, { platform: 'luma-agents' }),
  'plan fit with commercial use and annual billing': async (w) => {
    await w.getByLabel('I need commercial use').setChecked(true);
    await w.getByLabel('Pay annually').setChecked(true);
  },
  'an approximate cost (modify)': async (w) => choose(w, { modify: true }),
  'a bad attribute': async (w) => w.evaluate((el) => el.setAttribute('duration', 'soon')),
};

for (const colorScheme of ['light', 'dark']) {
  for (const [name, reach] of Object.entries(states)) {
    test(`no axe violations, ${colorScheme}, 1,280 px: ${name}`, async () => {
      const { context, page, w } = await openPage({ colorScheme });
      await reach(w);
      assert.deepEqual(await violations(page), []);
      await context.close();
    });
  }
  test(`no axe violations, ${colorScheme}, 320 px, balance panel open`, async () => {
    const { context, page, w } = await openPage({ width: 320, colorScheme });
    await states['the balance panel with a verdict and a message'](w);
    assert.deepEqual(await violations(page), []);
    await context.close();
  });
}

test('axe sees inside the widget: an unlabelled field in its shadow root is reported', async () => {
  const { context, page } = await openPage();
  const found = await page.evaluate(async () => {
    const input = document.createElement('input');
    document.querySelector('credit-estimator').shadowRoot.append(input);
    const result = await window.axe.run(document, { runOnly: ['label'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => n.target.flat().length));
  });
  // One node, addressed through the shadow root (host, then the input).
  assert.deepEqual(found, [2]);
  await context.close();
});
