// The <credit-estimator> element end to end in Chromium: every control against
// quote(), every row of the credit article through the controls, attributes,
// the `quote` property and the `estimate` event, bad attributes, plan fit, the
// balance check, theming.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, open, widget, shown, call, quoteOf, choose, digits, browserDate, root } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Asserts the widget shows and holds exactly what quote(request) gives. */
async function expectQuote(page, w, request, credits) {
  const expected = await call(page, 'quote', request);
  if (credits !== undefined) assert.equal(expected.credits, credits, JSON.stringify(request));
  assert.deepEqual(await quoteOf(w), expected, JSON.stringify(request));
  assert.equal(await shown(w), expected.credits);
  return expected;
}

test('each control changes the total to what quote() gives', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  const web = { platform: 'dream-machine-web' };
  await expectQuote(page, w, { ...web, model: 'ray-2', resolution: '720p', durationSeconds: 5 }, 160);
  // Its one note, the dollars at the top-up rate, is the headline's: no list of notes.
  assert.equal(await w.locator('.usd').textContent(), '$0.5333 at the top-up rate');
  assert.equal(await w.locator('.result .notes').isVisible(), false);

  await choose(w, { model: 'ray-2-flash' });
  await expectQuote(page, w, { ...web, model: 'ray-2-flash', resolution: '720p', durationSeconds: 5 }, 55);
  await choose(w, { resolution: '1080p' });
  await expectQuote(page, w, { ...web, model: 'ray-2-flash', resolution: '1080p', durationSeconds: 5 }, 65);
  await choose(w, { duration: 10 });
  const clip = { ...web, model: 'ray-2-flash', resolution: '1080p', durationSeconds: 10 };
  await expectQuote(page, w, clip, 130);
  await choose(w, { extend: 9 });
  await expectQuote(page, w, { ...clip, addons: [{ kind: 'extend', seconds: 9 }] });
  await choose(w, { upscale: '2160p' });
  await expectQuote(page, w, { ...clip, addons: [{ kind: 'extend', seconds: 9 }, { kind: 'upscale', to: '2160p' }] });
  await choose(w, { reframe: true });
  const three = [{ kind: 'extend', seconds: 9 }, { kind: 'upscale', to: '2160p' }, { kind: 'reframe' }];
  await expectQuote(page, w, { ...clip, addons: three });
  assert.equal(await w.locator('.approx').isVisible(), false);
  await choose(w, { modify: true });
  const q = await expectQuote(page, w, { ...clip, addons: [...three, { kind: 'modify' }] });
  assert.equal(q.approximate, true);
  assert.ok(await w.locator('.approx').isVisible(), 'modify shows the approximate mark');
  assert.match(await w.getByRole('status').textContent(), /^≈/);
  // A line per item, with its arithmetic, and the notes.
  const lines = await w.locator('.lines li:not(.sum)').allTextContents();
  assert.equal(lines.length, q.lines.length);
  // (The widget keeps each figure with its unit: no-break spaces.)
  q.lines.forEach((line, i) => assert.ok(lines[i].replaceAll('\u00a0', ' ').includes(line.label), lines[i]));
  // Each note is shown as a sentence: the core's clause with a capital. The
  // last, the dollars at the top-up rate, is not: the headline and the first
  // dollar card say them.
  const sentence = (text) => text[0].toUpperCase() + text.slice(1);
  // (About, as the cost is: this one has modify.)
  assert.match(q.notes.at(-1), /^about \$[\d.]+ at the top-up rate of \$4\.00 per 1,200 credits$/);
  assert.deepEqual(await w.locator('.result .notes > li').allTextContents(), q.notes.slice(0, -1).map(sentence));
  assert.ok(q.notes.some((n) => /^[a-z]/.test(n)), 'a note that starts in lower case');
  // Dollars at the top-up rate and each plan's effective rate. Amounts side
  // by side have the same places; the headline is the top-up card's amount.
  const amounts = await w.locator('.rate-list .v').allTextContents();
  assert.equal(new Set(amounts.map((a) => a.match(/\.(\d+)$/)?.[1].length)).size, 1, amounts.join());
  const places = amounts[0].match(/\.(\d+)$/)[1].length;
  const usd = await page.evaluate(([u, places]) => new Intl.NumberFormat('en-US', {
    style: 'currency', currency: 'USD', minimumFractionDigits: places, maximumFractionDigits: places,
  }).format(u), [q.usdAtTopUpRate, places]);
  // An approximate total's dollars are approximate too.
  const about = q.approximate ? '≈\u00a0' : '';
  assert.equal(await w.locator('.usd').textContent(), `${about}${usd} at the top-up rate`);
  const rates = await w.locator('.rate-list li').allTextContents();
  assert.deepEqual(rates.map((r) => r.match(/Top-up|Lite|Plus|Unlimited/)?.[0]), ['Top-up', 'Lite', 'Plus', 'Unlimited']);
  assert.ok(rates.every((r) => /per credit/.test(r)));
  // A card reads as it looks: its amount, then what the amount is for.
  // Modify is on: every dollar figure is approximate, each card's too.
  assert.equal(about, '≈\u00a0');
  assert.ok(rates[0].startsWith(`${about}${usd}Top-up credits$4.00 for 1,200 credits`), rates[0]);
  assert.ok(rates.every((r) => r.startsWith('≈\u00a0$')), rates.join('\n'));
  // Rates side by side have the same places: Plus's $29.99 / 10,000 =
  // $0.002999 is $0.0030 beside Lite's $9.99 / 3,200 = $0.0031 (not $0.003).
  assert.match(rates[1], /\$9\.99\/mo for 3,200 credits = \$0\.0031 per credit$/);
  assert.match(rates[2], /\$29\.99\/mo for 10,000 credits = \$0\.0030 per credit$/);

  // Images: only the add-ons that apply stay; Images takes a count.
  await choose(w, { model: 'photon', images: 6 });
  await expectQuote(page, w, { ...web, model: 'photon', images: 6, addons: [{ kind: 'reframe' }] }, 56);
  assert.ok(await w.getByLabel('Upscale').isDisabled());
  assert.ok(await w.getByLabel('Resolution').isDisabled());
  await choose(w, { reframe: false });
  await expectQuote(page, w, { ...web, model: 'photon', images: 6 }, 32);
  // Amounts of a dollar or more show cents, rounded once from the exact
  // amount: 250 images are 63 batches of 16 = 1,008 credits, and on
  // Unlimited 1,008 × $94.99 / 10,000 = $9.574992, $9.57 (not $9.5750
  // rounded again to $9.58); $4 / 1,200 is $3.36, Lite's $9.99 / 3,200
  // $3.14685 → $3.15, Plus's $29.99 / 10,000 $3.022992 → $3.02.
  await choose(w, { images: 250 });
  await expectQuote(page, w, { ...web, model: 'photon', images: 250 }, 1008);
  assert.deepEqual(await w.locator('.rate-list .v').allTextContents(), ['$3.36', '$3.15', '$3.02', '$9.57']);
  assert.equal(await w.locator('.usd').textContent(), '$3.36 at the top-up rate');
  await choose(w, { images: 6 });

  // iOS bills per second: Duration is a number input taking any length.
  await choose(w, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p' });
  assert.equal(await w.getByLabel('Duration').evaluate((e) => e.type), 'number');
  // The video add-ons chosen before Photon come back with a video model
  // (nobody took them off); taken off by hand, they stay off.
  assert.equal(await w.getByLabel('Extend').inputValue(), '9');
  assert.equal(await w.getByLabel('Upscale').inputValue(), '2160p');
  assert.equal(await w.getByLabel('Modify').isChecked(), true);
  assert.equal(await w.getByLabel('Reframe').isChecked(), false);
  await choose(w, { extend: '', upscale: '', modify: false });
  await choose(w, { duration: 9 });
  await expectQuote(page, w, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p', durationSeconds: 9 }, 320);
  await choose(w, { duration: 10.5 });
  await expectQuote(page, w, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p', durationSeconds: 10.5 }, 480);

  // Luma Agents: the models are listed, their costs are not published.
  await choose(w, { platform: 'luma-agents' });
  const models = await w.getByLabel('Model', { exact: true }).locator('option').allTextContents();
  assert.equal(models.length, 5);
  assert.ok(models.every((m) => m.endsWith(' — costs not published')), models.join());
  assert.equal(await quoteOf(w), null);
  assert.equal(await w.getByRole('status').textContent(), 'Not published');
  assert.match(await w.locator('.why').textContent(), /not published/);
  // Not published is a fact, not the visitor's mistake: the box is in the
  // text colour, not the error colour, and plan fit and the balance check
  // say why they have nothing to show.
  const [why, text] = await w.locator('.why').evaluate((e) => [
    getComputedStyle(e).color,
    getComputedStyle(e.getRootNode().querySelector('.title')).color,
  ]);
  assert.equal(why, text);
  assert.equal(await w.locator('.fit-sum').textContent(),
    'Luma does not publish what this generation costs, so no plan can be fitted to it.');
  // What is published is shown: the plans at their prices ("Plans: Plus
  // ($29.99/mo), Pro ($90/mo), Ultra ($300/mo)"), none marked as the fit.
  assert.deepEqual(await w.locator('.plan .plan-name').allTextContents(), ['Plus', 'Pro', 'Ultra']);
  // ("/mo" is seen; screen readers hear " a month" instead.)
  assert.deepEqual(await w.locator('.plan .plan-price').allTextContents(), ['$29.99/mo a month', '$90.00/mo a month', '$300.00/mo a month']);
  assert.equal(await w.locator('.plan.best, .plan.off').count(), 0);
  assert.deepEqual(await w.locator('.plan .plan-why').allTextContents(), Array(3).fill('Monthly credits not published'));
  // Luma Agents is open to purchases: no closed-platform line above them.
  assert.equal(await w.locator('.status').isVisible(), false);
  // With nothing to fit, the count a month and commercial use would change
  // nothing: they are off; the billing still sets the prices shown.
  assert.equal(await w.getByLabel('Generations a month').isDisabled(), true);
  assert.equal(await w.getByLabel('I need commercial use').isDisabled(), true);
  await w.getByLabel('Pay annually').check();
  assert.deepEqual(await w.locator('.plan .plan-price').allTextContents(), ['—', '—', '—']);
  assert.match(await w.locator('.plan').first().textContent(), /Plus has no published annual price/);
  await w.getByLabel('Pay annually').uncheck();
  await w.getByText('Check my balance').click();
  assert.equal(await w.locator('.verdict').textContent(),
    'Luma does not publish what this generation costs: enter its cost in credits, as the app shows it, to check this balance against it.');
  // The cost the Luma Agents app shows is checked as check() checks a known
  // cost: 50 monthly credits, then the opt-in spending limit (rule 28).
  const cost = w.getByLabel("This generation's cost in credits");
  await w.getByLabel('Monthly credits left').fill('50');
  await cost.fill('75');
  const wallet = { platform: 'luma-agents', plan: 'plus', subscription: 'active', today: await browserDate(page), monthly: 50 };
  const paused = await call(page, 'check', wallet, { credits: 75, platform: 'luma-agents' });
  assert.equal(paused.verdict, 'paused');
  assert.match(await w.locator('.verdict').textContent(), /^Generation pauses: 25 short/);
  await w.getByLabel('Spending limit left (credits)').fill('100');
  assert.match(await w.locator('.verdict').textContent(), /^Enough credits: this goes through.*the opt-in spending limit pays the other 25 \(it allows 100\)/);
  assert.match(await w.locator('.verdict').textContent(), /Uses 75 credits from/);
  await cost.fill('1');
  assert.match(await w.locator('.verdict').textContent(), /Uses 1 credit from/);
  await cost.fill('2.5');
  assert.match(await w.locator('.verdict').textContent(), /^This generation's cost in credits must be a whole number/);
  assert.equal(await cost.getAttribute('aria-invalid'), 'true');
  // A cost typed for one generation is not another's: a new choice clears it.
  await cost.fill('75');
  await choose(w, { model: 'veo-3' });
  assert.equal(await cost.inputValue(), '');
  // A video on a plan that makes images only cannot run, whatever its cost
  // (check() judges a known cost on credits alone; the widget knows it is a
  // video): Ray2 Flash has no iOS rate.
  await choose(w, { platform: 'dream-machine-ios', model: 'ray-2-flash' });
  await w.getByLabel(/^My .* plan$/).selectOption('free');
  await w.getByLabel('Monthly credits left').fill('100');
  await cost.fill('50');
  assert.equal(await w.locator('.verdict').textContent(),
    'Free makes images only, and this is a video generation: it cannot run on this plan whatever the balance.');
  await choose(w, { platform: 'luma-agents' });
  await cost.fill('');
  // A mistake is still in the error colour.
  await choose(w, { platform: 'dream-machine-web', model: 'photon' });
  await w.getByLabel('Images').fill('0');
  assert.notEqual(await w.locator('.why').evaluate((e) => getComputedStyle(e).color), text);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on Luma Agents, where nothing is priced, every add-on is off, and those on come back on with a model that prices them', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await choose(w, { model: 'ray-2', extend: 9, upscale: '2160p', reframe: true, modify: true });
  const addons = ['Extend', 'Upscale', 'Reframe', 'Modify'];
  const state = () => Promise.all(addons.map(async (name) => {
    const control = w.getByLabel(name);
    const value = name === 'Reframe' || name === 'Modify' ? await control.isChecked() : await control.inputValue();
    return [name, value, await control.isDisabled(), await control.getAttribute('aria-describedby')];
  }));
  const on = [['Extend', '9', false, null], ['Upscale', '2160p', false, null], ['Reframe', true, false, null], ['Modify', true, false, null]];
  assert.deepEqual(await state(), on);
  const total = await shown(w);
  await choose(w, { platform: 'luma-agents' });
  // Off and shown empty, as on a model that takes none (a disabled box
  // still ticked would read as an add-on that applies), each described by
  // the reason the estimate gives; the generation's other fields too.
  assert.deepEqual(await state(), [['Extend', '', true, 'why'], ['Upscale', '', true, 'why'], ['Reframe', false, true, 'why'], ['Modify', false, true, 'why']]);
  assert.match(await w.locator('#why').textContent(), /^Ray3\.14 on Luma Agents: costs are not published/);
  for (const name of ['Resolution', 'Duration', 'Images']) {
    assert.equal(await w.getByLabel(name).getAttribute('aria-describedby'), 'why', name);
    assert.equal(await w.getByLabel(name).getAttribute('aria-invalid'), null, name);
  }
  await choose(w, { platform: 'dream-machine-web', model: 'ray-2' });
  assert.deepEqual(await state(), on);
  for (const name of ['Resolution', 'Duration']) assert.equal(await w.getByLabel(name).getAttribute('aria-describedby'), null, name);
  assert.equal(await shown(w), total);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a change that replaces the resolution or the length chosen says so, where a screen reader hears it', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  const news = () => w.evaluate((el) => el.shadowRoot.querySelector('#off-why').nextElementSibling.textContent);
  const live = await w.evaluate((el) => el.shadowRoot.querySelector('#off-why').parentElement.getAttribute('aria-live'));
  assert.equal(live, 'polite');
  await choose(w, { model: 'ray-2', resolution: '1080p', duration: 10 });
  await choose(w, { model: 'ray-1.6' });
  assert.match(await news(), /Ray1\.6 on Dream Machine \(web\) has no 1080p 10 s clip: it is now 720p, 5 s\./);
  // Back on Ray2, the chosen 1080p 10 s come back: nothing was replaced.
  await choose(w, { model: 'ray-2' });
  assert.doesNotMatch(await news(), /has no/);
  assert.equal(await shown(w), 340);
  await choose(w, { resolution: '720p' });
  await choose(w, { model: 'ray-1.6' });
  assert.match(await news(), /Ray1\.6 on Dream Machine \(web\) has no 720p 10 s clip: duration is now 5 s\./);
  // A length typed another way on iOS is the web's clip of that length.
  await choose(w, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p', duration: '10.0' });
  await choose(w, { platform: 'dream-machine-web' });
  assert.doesNotMatch(await news(), /has no/);
  assert.equal(await w.getByLabel('Duration').inputValue(), '10');
  assert.equal(await shown(w), 320);
  // The iOS app's Ray2 has 540p, the web's not.
  await choose(w, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '540p' });
  await choose(w, { platform: 'dream-machine-web' });
  assert.match(await news(), /Ray2 on Dream Machine \(web\) has no 540p clip: resolution is now 720p\./);
  // A change the visitor makes to the resolution itself says nothing.
  await choose(w, { resolution: '1080p' });
  assert.doesNotMatch(await news(), /has no/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('menus offer only what exists: Ray1.6 on the web is 720p and 5 s', async () => {
  const { page, context } = await open(env);
  const w = await widget(page);
  await choose(w, { model: 'ray-1.6' });
  const options = (name) => w.getByLabel(name).locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(await options('Resolution'), ['720p']);
  assert.deepEqual(await options('Duration'), ['5']);
  assert.ok(await w.getByLabel('Reframe').isDisabled(), 'the article gives no reframe rate for Ray1.6');
  await choose(w, { platform: 'dream-machine-ios' });
  assert.deepEqual(await options('Resolution'), ['720p']);
  await choose(w, { model: 'ray-2' });
  assert.deepEqual(await options('Resolution'), ['540p', '720p']);
  await context.close();
});

// Every figure of "Credit Pricing, Usage & Top-Ups", priced through the controls.
const ROWS = [
  ['Photon: 4 images, one batch of 4 at 4 credits', { model: 'photon', images: 4 }, 16],
  ['Photon: 6 images are 2 batches', { model: 'photon', images: 6 }, 32],
  ['Ray1.6 720p 5 s', { model: 'ray-1.6', resolution: '720p', duration: 5 }, 80],
  ['Ray2 720p 5 s', { model: 'ray-2', resolution: '720p', duration: 5 }, 160],
  ['Ray2 720p 10 s', { model: 'ray-2', resolution: '720p', duration: 10 }, 320],
  ['Ray2 1080p 5 s', { model: 'ray-2', resolution: '1080p', duration: 5 }, 170],
  ['Ray2 1080p 10 s', { model: 'ray-2', resolution: '1080p', duration: 10 }, 340],
  ['Ray2 Flash 720p 5 s', { model: 'ray-2-flash', resolution: '720p', duration: 5 }, 55],
  ['Ray2 Flash 720p 10 s', { model: 'ray-2-flash', resolution: '720p', duration: 10 }, 110],
  ['Ray2 Flash 1080p 5 s', { model: 'ray-2-flash', resolution: '1080p', duration: 5 }, 65],
  ['Ray2 Flash 1080p 10 s', { model: 'ray-2-flash', resolution: '1080p', duration: 10 }, 130],
  ['iOS Ray1.6 16/s', { platform: 'dream-machine-ios', model: 'ray-1.6', duration: 5 }, 80],
  ['iOS Ray2 540p 16/s', { platform: 'dream-machine-ios', model: 'ray-2', resolution: '540p', duration: 5 }, 80],
  ['iOS Ray2 720p 32/s', { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p', duration: 5 }, 160],
  ['Modify a 5 s video ≈ 400', { model: 'ray-2-flash', resolution: '720p', duration: 5, modify: true }, 55 + 400],
  ['Modify a 10 s video ≈ 800', { model: 'ray-2-flash', resolution: '720p', duration: 10, modify: true }, 110 + 800],
  ['Reframe an image: 4', { model: 'photon', images: 4, reframe: true }, 16 + 16],
  ['Reframe Ray2 Flash 11/s', { model: 'ray-2-flash', resolution: '720p', duration: 5, reframe: true }, 55 + 55],
  ['Reframe Ray2 32/s', { model: 'ray-2', resolution: '720p', duration: 5, reframe: true }, 160 + 160],
  ['a 9 s Extend is billed as 10 s', { model: 'ray-2-flash', resolution: '720p', duration: 5, extend: 9 }, 55 + 110],
  ['Upscale 720p → 1080p (5 s): 10', { model: 'ray-2-flash', resolution: '720p', duration: 5, upscale: '1080p' }, 65],
  ['Upscale 720p → 2160p (5 s): 20, the worked example', { model: 'ray-2-flash', resolution: '720p', duration: 5, upscale: '2160p' }, 75],
  ['Upscale 1080p → 2160p (5 s): 10', { model: 'ray-2-flash', resolution: '1080p', duration: 5, upscale: '2160p' }, 75],
];

test('every row of the credit article can be priced with the controls', async () => {
  const { page, context, problems } = await open(env);
  await widget(page);
  for (const [i, [name, selection, credits]] of ROWS.entries()) {
    // A fresh, bare element each time: it starts from its defaults.
    await page.evaluate((id) => {
      const el = document.createElement('credit-estimator');
      el.id = id;
      document.body.append(el);
    }, `row-${i}`);
    await page.waitForFunction((id) => document.getElementById(id)?.quote, `row-${i}`);
    const w = page.locator(`#row-${i}`);
    await choose(w, selection);
    assert.equal(await shown(w), credits, name);
    assert.equal((await quoteOf(w)).credits, credits, name);
    await page.evaluate((id) => document.getElementById(id).remove(), `row-${i}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('attributes set the selection; `quote` and the `estimate` event follow every change', async () => {
  const { page, context, problems } = await open(env);
  await widget(page);
  const first = await page.evaluate(
    () =>
      new Promise((resolve) => {
        // Listening on document: the event bubbles and is composed.
        document.addEventListener('estimate', function on(e) {
          if (e.target.id !== 'probe') return;
          document.removeEventListener('estimate', on);
          resolve(e.detail);
        });
        const el = document.createElement('credit-estimator');
        el.id = 'probe';
        for (const [k, v] of Object.entries({
          platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', duration: '5', addons: 'upscale:2160p',
        })) el.setAttribute(k, v);
        document.body.append(el);
      }),
  );
  const worked = {
    platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5,
    addons: [{ kind: 'upscale', to: '2160p' }],
  };
  assert.deepEqual(first.request, worked);
  assert.deepEqual(first.quote, await call(page, 'quote', worked));
  assert.equal(first.quote.credits, 75);
  const w = page.locator('#probe');
  assert.deepEqual(await quoteOf(w), first.quote);

  const change = (name, value) =>
    page.evaluate(
      ([name, value]) =>
        new Promise((resolve) => {
          const el = document.getElementById('probe');
          el.addEventListener('estimate', (e) => resolve({ detail: e.detail, bubbles: e.bubbles, composed: e.composed }), { once: true });
          if (value === null) el.removeAttribute(name);
          else el.setAttribute(name, value);
        }),
      [name, value],
    );
  let e = await change('duration', '10');
  assert.ok(e.bubbles && e.composed);
  assert.equal(e.detail.quote.credits, 110 + 40);
  assert.deepEqual(e.detail.quote, await call(page, 'quote', e.detail.request));
  e = await change('addons', 'upscale:1080p extend:9 reframe modify');
  assert.deepEqual(e.detail.request.addons, [
    { kind: 'extend', seconds: 9 }, { kind: 'upscale', to: '1080p' }, { kind: 'reframe' }, { kind: 'modify' },
  ]);
  assert.deepEqual(e.detail.quote, await call(page, 'quote', e.detail.request));
  assert.equal(await shown(w), e.detail.quote.credits);
  e = await change('model', 'ray-2');
  assert.equal(e.detail.request.model, 'ray-2');
  assert.deepEqual(await quoteOf(w), e.detail.quote);
  e = await change('platform', 'dream-machine-ios');
  assert.deepEqual(e.detail.quote, await call(page, 'quote', e.detail.request));
  e = await change('addons', null);
  assert.deepEqual(e.detail.quote, await call(page, 'quote', e.detail.request));
  e = await change('model', 'photon');
  e = await change('images', '9');
  assert.equal(e.detail.quote.credits, 48);
  // A person's change fires it too.
  const byHand = page.evaluate(
    () => new Promise((resolve) => document.getElementById('probe').addEventListener('estimate', (e) => resolve(e.detail), { once: true })),
  );
  await w.getByLabel('Images').fill('13');
  assert.equal((await byHand).quote.credits, 64);
  // Changes made together (a framework setting several props) fire one
  // event, which tells the state after all of them.
  const together = await page.evaluate(async () => {
    const el = document.getElementById('probe');
    const seen = [];
    const on = (e) => seen.push(e.detail.quote?.credits);
    el.addEventListener('estimate', on);
    el.setAttribute('platform', 'dream-machine-web');
    el.setAttribute('model', 'ray-2');
    el.setAttribute('resolution', '1080p');
    el.setAttribute('duration', '10');
    await new Promise((resolve) => setTimeout(resolve));
    el.removeEventListener('estimate', on);
    return seen;
  });
  assert.deepEqual(together, [340]);
  // The quote and the event's detail are shared by every reader and
  // listener: frozen, so one listener cannot change what the others and the
  // property see.
  const shared = await page.evaluate(async () => {
    'use strict'; // as a page's modules are: a write to a frozen object throws
    const el = document.getElementById('probe');
    const results = [];
    const tryTo = (what, change) => {
      try { change(); results.push(`${what}: changed`); } catch (e) { results.push(`${what}: ${e.constructor.name}`); }
    };
    const seen = new Promise((resolve) => el.addEventListener('estimate', (e) => {
      tryTo('credits', () => { e.detail.quote.credits = 99999; });
      tryTo('line', () => { e.detail.quote.lines[0].credits = 1; });
      tryTo('request', () => { e.detail.request.model = 'photon'; });
      tryTo('detail', () => { e.detail.quote = null; });
      resolve();
    }, { once: true }));
    el.setAttribute('duration', '5');
    await seen;
    return { results, credits: el.quote.credits, line: el.quote.lines[0].credits, frozen: Object.isFrozen(el.quote.lines) };
  });
  assert.deepEqual(shared, {
    results: ['credits: TypeError', 'line: TypeError', 'request: TypeError', 'detail: TypeError'],
    credits: 170,
    line: 170,
    frozen: true,
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad attribute values show a message in the widget and never throw on the page', async () => {
  const { page, context, problems } = await open(env);
  await widget(page);
  // Each case: the attributes, the message, and the control it is about
  // (marked invalid and described by the message), or none.
  const cases = [
    // The core's messages are written as sentences, with a capital.
    [{ platform: 'mars' }, /\bUnknown platform "mars"/, 'Platform'],
    [{ platform: 'dream-machine-web', model: 'Ray-2' }, /\bUnknown model "Ray-2"/, 'Model'],
    [{ platform: 'dream-machine-web', model: 'ray-2', resolution: '540p' }, /no 540p price/, 'Resolution'],
    [{ platform: 'dream-machine-web', model: 'ray-2', duration: '7' }, /only as 5 s or 10 s clips/, 'Duration'],
    [{ platform: 'dream-machine-web', model: 'ray-2', duration: 'soon' }, /“soon” is not a number/, 'Duration'],
    [{ platform: 'dream-machine-web', model: 'photon', images: '2.5' }, /Images must be a whole number, 1 or more, got 2\.5/, 'Images'],
    // The attribute's own message, in the alert: no one control.
    [{ platform: 'dream-machine-web', model: 'ray-2', addons: 'sparkle' }, /“sparkle” is not an add-on/, null],
    [{ platform: 'dream-machine-web', model: 'ray-2', addons: 'upscale:4k' }, /not a resolution/, 'Upscale'],
    [{ platform: 'dream-machine-web', model: 'ray-1.6', addons: 'reframe' }, /reframe/i, 'Reframe'],
    // A cost Luma does not publish is a fact, not a fault of a control.
    [{ platform: 'dream-machine-ios', model: 'ray-2-flash' }, /publishes no rate/, null],
  ];
  for (const [i, [attrs, message, control]] of cases.entries()) {
    await page.evaluate(
      ([id, attrs]) => {
        const el = document.createElement('credit-estimator');
        el.id = id;
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        el.addEventListener('estimate', (e) => { el.detail = e.detail; });
        document.body.append(el);
      },
      [`bad-${i}`, attrs],
    );
    const w = page.locator(`#bad-${i}`);
    await page.waitForFunction((id) => document.getElementById(id)?.shadowRoot?.querySelector('[role=status]')?.textContent, `bad-${i}`);
    const text = await w.locator('.why, .alert').allTextContents();
    assert.match(text.join(' '), message, JSON.stringify(attrs));
    assert.equal(await quoteOf(w), null, JSON.stringify(attrs));
    // The event's request is the one the attributes make, refused by
    // quote(); null when a value could not be used as given (the request
    // made without it would not be what the page asked for).
    const { request, quote } = await w.evaluate((el) => el.detail);
    assert.equal(quote, null);
    if (attrs.addons === 'sparkle' || attrs.duration === 'soon') {
      assert.equal(request, null, JSON.stringify(attrs));
    } else {
      assert.equal(request?.platform, attrs.platform, JSON.stringify(attrs));
      assert.equal(request?.model, attrs.model, JSON.stringify(attrs));
    }
    // A cost Luma does not publish (quote() throws `unpriced`: no rate for
    // Ray2 Flash on iOS, no reframe rate for Ray1.6) is said as such;
    // anything else is no estimate.
    const code = request && await page.evaluate(async (r) => {
      const m = await import('/pkg/credit_estimator.js');
      await m.default();
      try { m.quote(r); return 'priced'; } catch (e) { return e.code; }
    }, request);
    const status = code === 'unpriced' ? 'Not published' : 'No estimate';
    assert.equal(await w.getByRole('status').textContent(), status, JSON.stringify(attrs));
    if (attrs.model === 'ray-1.6' || attrs.model === 'ray-2-flash') assert.equal(code, 'unpriced');
    // The message is tied to the control it is about, and to no other.
    const invalid = await w.locator('[aria-invalid=true]').evaluateAll((els) =>
      els.map((el) => [el.id, el.getAttribute('aria-describedby')]));
    const expected = control
      ? [[await w.getByLabel(control, { exact: true }).getAttribute('id'), 'why']]
      : [];
    assert.deepEqual(invalid, expected, JSON.stringify(attrs));
    // A message about an add-on is a sentence tied to its control.
    if (attrs.addons === 'reframe') {
      assert.match(await w.locator('.why').textContent(), /^Reframe of Ray1\.6 video: /);
      const reframe = w.getByLabel('Reframe');
      assert.equal(await reframe.getAttribute('aria-invalid'), 'true');
      assert.equal(await reframe.getAttribute('aria-describedby'), 'why');
    }
  }
  // Two faults at once are both said, each once: an add-on the widget
  // cannot use does not hide a resolution the model lacks.
  const both = await page.evaluate(async () => {
    const el = document.createElement('credit-estimator');
    for (const [k, v] of Object.entries({ model: 'ray-2', resolution: '4k', addons: 'upscale' })) el.setAttribute(k, v);
    document.body.append(el);
    await new Promise((resolve) => el.addEventListener('estimate', resolve, { once: true }));
    const texts = (sel) => [...el.shadowRoot.querySelectorAll(sel)].map((e) => e.textContent).filter(Boolean);
    const invalid = [...el.shadowRoot.querySelectorAll('[aria-invalid=true]')].map((e) => e.labels?.[0]?.textContent);
    el.remove();
    return { why: texts('.why'), alert: texts('.alert p'), invalid };
  });
  assert.equal(both.why.length, 1);
  assert.match(both.why[0], /Ray2 on Dream Machine \(web\) has no "4k" price: use 720p or 1080p/);
  assert.deepEqual(both.alert, ['addons: upscale needs a target resolution, e.g. upscale:2160p']);
  assert.deepEqual(both.invalid, ['Resolution']);
  // Fixing the attribute brings the estimate back.
  const w = page.locator('#bad-0');
  await w.evaluate((el) => el.setAttribute('platform', 'dream-machine-web'));
  assert.ok((await quoteOf(w)).credits > 0);
  // A number field shows the number the widget prices ("0x10" is 16, as
  // Number() reads it), or nothing for what is no number; it is never handed
  // text it would refuse, which the browser warns of on the page's console.
  await w.evaluate((el) => { el.setAttribute('model', 'photon'); el.setAttribute('images', '0x10'); });
  assert.equal(await w.getByLabel('Images').inputValue(), '16');
  assert.equal((await quoteOf(w)).credits, 16 * 4);
  await w.evaluate((el) => el.setAttribute('images', 'lots'));
  assert.equal(await w.getByLabel('Images').inputValue(), '');
  assert.match((await w.locator('.why, .alert').allTextContents()).join(' '), /“lots” is not a number/);
  await w.evaluate((el) => { el.removeAttribute('images'); el.removeAttribute('model'); });
  // A bad locale is reported; the estimate stays, in the browser's format.
  await w.evaluate((el) => el.setAttribute('locale', 'not a locale!'));
  assert.match(await w.locator('.alert').textContent(), /locale “not a locale!” is not a language tag/);
  assert.ok(await quoteOf(w));
  // So is a well-formed tag of no language the browser has (a typo).
  await w.evaluate((el) => el.setAttribute('locale', 'xx-nope'));
  assert.match(await w.locator('.alert').textContent(), /locale “xx-nope” is not a language this browser writes numbers in: numbers use the browser's language/);
  await w.evaluate((el) => el.setAttribute('locale', 'de-CH'));
  assert.equal(await w.locator('.alert').isVisible(), false);
  // An unknown plan is named; the estimate stays.
  await w.evaluate((el) => el.setAttribute('plan', 'gold'));
  assert.match(await w.locator('.alert').textContent(), /plan “gold” is not a plan here: use free, lite/);
  assert.ok(await quoteOf(w));
  // A message about the page's configuration looks like one about the
  // selection: one error style, not two.
  await w.evaluate((el) => el.setAttribute('model', 'photon-x'));
  const look = (sel) => w.locator(sel).evaluate((e) => {
    const c = getComputedStyle(e);
    return [c.color, c.backgroundColor, c.padding, c.borderRadius, c.fontWeight].join(' | ');
  });
  assert.match(await w.locator('.why').textContent(), /photon-x/);
  assert.equal(await look('.alert'), await look('.why'));
  assert.match(await look('.why'), /^rgb\(180, 35, 24\) \| color\(srgb [\d. ]+\) \| 10px 12px \| 10px \| 550$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('numbers and dates follow the locale attribute', async () => {
  const { page, context } = await open(env);
  const w = await widget(page);
  await w.evaluate((el) => {
    el.setAttribute('model', 'ray-2-flash');
    el.setAttribute('addons', 'modify reframe upscale:2160p');
    el.setAttribute('duration', '10');
  });
  assert.equal(await w.getByRole('status').textContent(), '≈\u00a01,060 credits');
  await w.evaluate((el) => el.setAttribute('locale', 'de-DE'));
  assert.equal(await w.getByRole('status').textContent(), '≈\u00a01.060 credits');
  // $3.5333 is more than a dollar, and so are the plans' amounts: cents.
  assert.match(await w.locator('.usd').textContent(), /^≈\u00a03,53\s\$/);
  assert.match(await w.locator('.edition').textContent(), /22\.05\.2026/);
  // The core's sentences follow too: no "1,200" for a German reader to take as 1.2.
  assert.match(await w.locator('.rate-list').textContent(), /4,00\s\$ for 1\.200 credits/);
  const text = await w.evaluate((el) => el.shadowRoot.textContent);
  assert.doesNotMatch(text, /\b(1,060|1,200|3,200|10,000|21,200)\b/);
  assert.match(text, /3\.200 credits cover 3\.200 of 21\.200/);
  await context.close();
});

test('Arabic-Indic figures and Hebrew dollars keep their places in the English sentences', async () => {
  const { page, context } = await open(env);
  const w = await widget(page);
  await w.evaluate((el) => {
    el.setAttribute('model', 'ray-2');
    el.setAttribute('resolution', '1080p');
    el.setAttribute('duration', '10');
    el.setAttribute('per-month', '20');
    el.setAttribute('locale', 'ar-EG');
  });
  // Where each figure of "20 × 340 = 6,800 credits a month" is drawn: left
  // to right, as written. Unisolated, the bidirectional algorithm ran the
  // Arabic-Indic figures and the signs between them right to left
  // ("٦٬٨٠٠ = ٣٤٠ × ٢٠ credits a month").
  const lefts = (selector) => w.evaluate((el, selector) => {
    const node = el.shadowRoot.querySelector(selector).firstChild;
    const text = node.textContent;
    const out = [];
    for (const m of text.matchAll(/[\u0660-\u0669\u066c]+|[×=]|credits/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      out.push([m[0], Math.round(range.getBoundingClientRect().left)]);
    }
    return out;
  }, selector);
  const sum = await lefts('.fit-sum');
  assert.deepEqual(sum.map(([t]) => t), ['٢٠', '×', '٣٤٠', '=', '٦٬٨٠٠', 'credits']);
  const xs = sum.map(([, x]) => x);
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b), JSON.stringify(sum));
  // Hebrew dollars carry right-to-left marks ("\u200f1.13 \u200f$"), which
  // pulled the space after them in front of the figure: isolated likewise.
  await w.evaluate((el) => el.setAttribute('locale', 'he-IL'));
  assert.match(await w.locator('.usd').textContent(), /^\u2068\u200f1\.13\s\u200f\$\u2069 at the top-up rate$/);
  // The marks are not counted as the length of a plan's price ($9.99 is not
  // a long figure that needs the smaller size).
  assert.equal(await w.locator('.plan-price').count(), 5);
  assert.equal(await w.locator('.plan-price.long').count(), 0);
  // Figures with no right-to-left text are left as they are.
  await w.evaluate((el) => el.setAttribute('locale', 'de-DE'));
  assert.match(await w.locator('.usd').textContent(), /^1,13\s\$ at the top-up rate$/);
  await context.close();
});

test("American English figures are written without Intl; other languages get Intl's", async () => {
  // A page's first Intl formatter costs 15-45 ms; an en-US visitor's widget
  // must not make one at all (src/widget/fmt.rs, www/credit-estimator.js).
  for (const [locale, made, edition, total] of [
    ['en-US', false, 'May 22, 2026', '≈\u00a01,060 credits'],
    ['de-DE', true, '22.05.2026', '≈\u00a01.060 credits'],
  ]) {
    const context = await env.browser.newContext({ locale });
    await context.addInitScript(() => {
      window.intlMade = 0;
      for (const name of ['NumberFormat', 'DateTimeFormat']) {
        Intl[name] = new Proxy(Intl[name], {
          construct(target, args, newTarget) {
            window.intlMade += 1;
            return Reflect.construct(target, args, newTarget);
          },
        });
      }
    });
    const page = await context.newPage();
    await page.goto(env.base);
    const w = await widget(page);
    // 1,060 credits, so the grouping shows.
    await w.evaluate((el) => {
      el.setAttribute('model', 'ray-2-flash');
      el.setAttribute('addons', 'modify reframe upscale:2160p');
      el.setAttribute('duration', '10');
    });
    assert.equal(await w.getByRole('status').textContent(), total, locale);
    assert.ok((await w.locator('.edition').textContent()).includes(edition), locale);
    assert.equal((await page.evaluate(() => window.intlMade)) > 0, made, locale);
    await context.close();
  }
});

test('plan fit: N a month, each plan with top-ups, the recommendation, toggles and notices', async () => {
  const { page, context } = await open(env);
  const w = await widget(page);
  const request = { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 5 };
  await w.getByLabel('Generations a month').fill('80');
  let fit = await call(page, 'planFit', { platform: 'dream-machine-web', usage: [{ request, perMonth: 80 }] });
  assert.equal(fit.monthlyCredits, 12800);
  assert.match(await w.locator('.fit-sum').textContent(), /80 × 160 = 12,800 credits a month/);
  const best = () => w.locator('.plan.best .plan-name').textContent();
  assert.equal(await best(), fit.plans.find((p) => p.id === fit.recommended).name);
  const card = (name) => w.locator('.plan', { has: page.locator('.plan-name', { hasText: name }) });
  assert.match(await card('Lite').textContent(), /\$41\.99.*8 top-up packs \(\$32\.00\)/);
  assert.match(await card('Unlimited').textContent(), /relaxed/);
  assert.match(await card('Enterprise').textContent(), /Cannot be priced/);
  // What a plan's own credits make: Ray2 720p 5 s is 160 credits, Lite
  // includes 3,200 (20 of them), Plus 10,000 (62), Unlimited 10,000 fast.
  const makes = (name) => card(name).locator('.makes').textContent();
  // Said as the credits', since top-up packs may make the rest.
  assert.equal(await makes('Lite'), 'Its 3,200 credits make 20 of these a month');
  assert.equal(await makes('Plus'), 'Its 10,000 credits make 62 of these a month');
  assert.equal(await makes('Unlimited'), 'Its 10,000 fast credits make 62 of these a month; more run in relaxed mode');
  assert.equal(await card('Enterprise').locator('.makes').count(), 0);
  // With modify (about 400 more a 5 s clip) the count is approximate too.
  await choose(w, { modify: true });
  assert.equal(await makes('Lite'), 'Its 3,200 credits make about 5 of these a month');
  await choose(w, { modify: false });
  // A plan that is not an option and has no price shows no dash for one.
  assert.equal(await card('Enterprise').locator('.plan-price').isVisible(), false);
  assert.equal(await card('Lite').locator('.plan-price').isVisible(), true);
  const notices = (await w.locator('.notices li').allTextContents()).join(' ');
  // That Dream Machine is closed to purchases is said above the plans, once.
  assert.equal(await w.locator('.status').textContent(), fit.notices[0]);
  assert.match(fit.notices[0], /^Dream Machine is closed to new purchases: “Dream Machine is now shut down/);
  assert.ok(await w.locator('.status').evaluate((s) => s.nextElementSibling.matches('.plans')));
  assert.doesNotMatch(notices, /closed to new purchases/);
  assert.match(notices, /do not roll over/);
  assert.match(notices, /never transfer/);

  const order = await w.locator('.plan-name').allTextContents();
  assert.deepEqual(order, ['Lite', 'Plus', 'Unlimited', 'Free', 'Enterprise']);
  await w.getByLabel('I need commercial use').check();
  fit = await call(page, 'planFit', {
    platform: 'dream-machine-web', usage: [{ request, perMonth: 80 }], needs: { commercialUse: true },
  });
  assert.equal(await best(), fit.plans.find((p) => p.id === fit.recommended).name);
  assert.match(await card('Lite').getAttribute('class'), /off/);
  // A switch does not reorder the cards: Lite is greyed where it was.
  assert.deepEqual(await w.locator('.plan-name').allTextContents(), order);
  await w.getByLabel('Pay annually').check();
  fit = await call(page, 'planFit', {
    platform: 'dream-machine-web', usage: [{ request, perMonth: 80 }], billing: 'annual', needs: { commercialUse: true },
  });
  // Top-ups are bought month by month: only the plan's part is billed
  // yearly, and the card says so where it has top-ups.
  const plus = fit.plans.find((p) => p.id === 'plus');
  assert.ok(plus.topUpPacks > 0);
  const plusText = await card('Plus').textContent();
  assert.match(plusText, new RegExp(`\\$${plus.totalUsd.replace('.', '\\.')}/mo a month\\$${plus.priceUsd.replace('.', '\\.')} plan billed yearly \\+ ${plus.topUpPacks} top-up packs`));
  assert.doesNotMatch(plusText, /mo, billed yearly/);
  const unlimited = fit.plans.find((p) => p.id === 'unlimited');
  assert.equal(unlimited.topUpPacks, 0);
  // The price stays "/mo" on one line; the reasons say what a year bills.
  const unlimitedText = await card('Unlimited').textContent();
  assert.match(unlimitedText, new RegExp(`\\$${unlimited.totalUsd.replace('.', '\\.')}/mo a month\\$`));
  assert.match(unlimitedText, /Billed \$911\.90 a year/);
  for (const price of await w.locator('.plan-price:not(.none)').all()) {
    const box = await price.boundingBox();
    const size = await price.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(box.height < size * 2, `${await price.textContent()} on one line (${box.height} px high)`);
  }

  // iOS plans are not published: the widget says so instead of guessing.
  await choose(w, { platform: 'dream-machine-ios' });
  assert.match(await w.locator('.fit-sum').textContent(), /.+/);
  assert.equal(await w.locator('.plan').count(), 0);
  // None of plan fit's controls would change anything: all three are off,
  // and on again once there is something to fit.
  const fitControls = () => Promise.all(['Generations a month', 'Pay annually', 'I need commercial use']
    .map(async (label) => {
      const control = w.getByLabel(label);
      return [await control.isDisabled(), await control.getAttribute('aria-describedby'), await control.getAttribute('aria-invalid')];
    }));
  // Each described by the line that says why (off, not wrong).
  assert.deepEqual(await fitControls(), Array(3).fill([true, 'fit-sum', null]));
  await choose(w, { platform: 'dream-machine-web' });
  assert.deepEqual(await fitControls(), Array(3).fill([false, null, null]));
  await context.close();
});

test('billing and needs attributes set plan fit, as its switches do; a bad value is named', async () => {
  const { page, context, problems } = await open(env);
  await widget(page);
  await page.evaluate(() => {
    const el = document.createElement('credit-estimator');
    el.id = 'fit';
    for (const [k, v] of Object.entries({
      platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', duration: '5',
      'per-month': '80', billing: 'annual', needs: 'commercial-use',
    })) el.setAttribute(k, v);
    document.body.append(el);
  });
  await page.waitForFunction(() => document.getElementById('fit').quote);
  const w = page.locator('#fit');
  const request = { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 5 };
  const planFit = (extra) => call(page, 'planFit', { platform: 'dream-machine-web', usage: [{ request, perMonth: 80 }], ...extra });
  const annual = w.getByLabel('Pay annually');
  const commercial = w.getByLabel('I need commercial use');
  const cardPrice = (id, fit) => fit.plans.find((p) => p.id === id).totalUsd;
  const plusCard = w.locator('.plan', { has: page.locator('.plan-name', { hasText: /^Plus$/ }) });
  assert.equal(await annual.isChecked(), true);
  assert.equal(await commercial.isChecked(), true);
  let fit = await planFit({ billing: 'annual', needs: { commercialUse: true } });
  assert.match(await plusCard.locator('.plan-price').textContent(), new RegExp(`^\\$${cardPrice('plus', fit)}/mo`));
  assert.match(await w.locator('.plan', { has: page.locator('.plan-name', { hasText: 'Lite' }) }).getAttribute('class'), /off/);

  // The page switches to monthly billing and drops the need (its own switch).
  await w.evaluate((el) => { el.setAttribute('billing', 'monthly'); el.removeAttribute('needs'); });
  assert.equal(await annual.isChecked(), false);
  assert.equal(await commercial.isChecked(), false);
  fit = await planFit({ billing: 'monthly' });
  assert.match(await plusCard.locator('.plan-price').textContent(), new RegExp(`^\\$${cardPrice('plus', fit)}/mo`));
  assert.notEqual(cardPrice('plus', fit), cardPrice('plus', await planFit({ billing: 'annual' })));

  // Values it does not know are named, the switch stays off, and the
  // estimate is untouched.
  await w.evaluate((el) => { el.setAttribute('billing', 'yearly'); el.setAttribute('needs', 'commercial'); });
  const alert = await w.locator('.alert').textContent();
  assert.match(alert, /billing: “yearly” is not a billing period; use monthly or annual/);
  assert.match(alert, /needs: “commercial” is not a need; use commercial-use/);
  assert.equal(await annual.isChecked(), false);
  assert.equal(await commercial.isChecked(), false);
  assert.equal(await shown(w), 160);
  await w.evaluate((el) => { el.setAttribute('billing', 'annual'); el.setAttribute('needs', 'commercial-use'); });
  assert.equal(await w.locator('.alert').isVisible(), false);
  assert.equal(await annual.isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the balance panel shows the check() verdict and the pools it draws from', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await w.getByText('Check my balance').click();
  await w.getByLabel(/^My .* plan$/).selectOption('plus');
  await w.getByLabel('Monthly credits left').fill('100');
  await w.getByLabel('Gifted credits').fill('20');
  await w.getByRole('button', { name: 'Add a top-up' }).click();
  const bought = await browserDate(page, 40);
  await w.getByLabel('Credits', { exact: true }).fill('1200');
  await w.getByLabel('Bought on').fill(bought);
  const today = await browserDate(page);
  const wallet = {
    platform: 'dream-machine', plan: 'plus', subscription: 'active', today, monthly: 100, gifted: 20,
    topUps: [{ credits: 1200, purchased: bought }],
  };
  const request = { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 5 };
  let result = await call(page, 'check', wallet, request);
  assert.equal(result.verdict, 'ok');
  assert.match(await w.locator('.verdict-head').textContent(), /Enough credits/);
  // 100 + 20 + 1,200 available, 160 a generation (Ray2 720p 5 s): 8 of these.
  assert.equal(result.available, 1320);
  assert.equal(await w.locator('.verdict-sub').textContent(), 'The 1,320 credits available make 8 of these');
  const draws = await w.locator('.draws li').allTextContents();
  const amounts = await w.locator('.draws .v').allTextContents();
  assert.deepEqual(amounts.map(digits), result.draws.map((d) => d.credits));
  assert.match(draws[0], /Monthly credits/);
  assert.match(draws[1], /Gifted credits/);
  // A top-up drawn from says when it stops counting: 12 months on.
  const expires = `${Number(bought.slice(0, 4)) + 1}`;
  assert.match(draws[2], new RegExp(`^Top-up bought \\w+ \\d+, \\d{4}, expires \\w+ \\d+, ${expires}`));

  // Paused: top-ups stop counting and the generation cannot be paid.
  await w.getByLabel('Subscription').selectOption('paused');
  result = await call(page, 'check', { ...wallet, subscription: 'paused' }, request);
  assert.equal(result.verdict, 'insufficient');
  assert.match(await w.locator('.verdict-head').textContent(), new RegExp(`Not enough credits: ${result.shortfall} short`));
  assert.equal(await w.locator('.draws').count(), 0);

  // Unlimited runs out of fast credits into the relaxed queue.
  await w.getByLabel('Subscription').selectOption('active');
  await w.getByLabel(/^My .* plan$/).selectOption('unlimited');
  await w.getByLabel('Monthly credits left').fill('0');
  await w.getByLabel('Gifted credits').fill('');
  await w.getByRole('button', { name: /Remove top-up/ }).click();
  assert.match(await w.locator('.verdict-head').textContent(), /relaxed mode/);

  // Free makes images only: a video cannot run on it, whatever the balance.
  await w.getByLabel(/^My .* plan$/).selectOption('free');
  await w.getByLabel('Monthly credits left').fill('1000');
  result = await call(page, 'check', { ...wallet, plan: 'free', monthly: 1000, gifted: 0, topUps: [] }, request);
  assert.equal(result.verdict, 'insufficient');
  assert.equal(result.shortfall, result.cost);
  assert.match(await w.locator('.verdict-head').textContent(), /^Free makes images only$/);
  assert.match(await w.locator('.verdict').textContent(), /Free makes images only/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("every menu shows its whole choice, at every width of the widget", async () => {
  const { page, context, problems } = await open(env, '', { viewport: { width: 1400, height: 900 } });
  const w = await widget(page);
  await w.getByText('Check my balance').click();
  // Each chosen option's text, measured in the select's own font, against
  // the room the select gives it (its arrow sits in the right padding), as
  // the widget is made 256 to 1,280 px wide (the layout changes with it),
  // for every model of every platform, and every plan and state of the
  // wallet. A model with its note ("Ray2 Flash — no rate published here")
  // fits from a 360 px widget (a phone's), the rest from the narrowest.
  const cut = await w.evaluate((el) => {
    const root = el.shadowRoot;
    const ctx = document.createElement('canvas').getContext('2d');
    const choose = (select, value) => {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const out = new Set();
    const sweep = (from) => {
      for (let width = from; width <= 1280; width += 4) {
        el.style.width = `${width}px`;
        for (const select of root.querySelectorAll('select')) {
          const style = getComputedStyle(select);
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = select.selectedOptions[0]?.textContent ?? '';
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          if (ctx.measureText(text).width > room) out.add(`${text} at ${width} px`);
        }
      }
    };
    const platform = root.querySelector('#f-platform');
    const model = root.querySelector('#f-model');
    for (const p of [...platform.options].map((o) => o.value)) {
      choose(platform, p);
      for (const m of [...model.options].map((o) => o.value)) {
        choose(model, m);
        sweep(model.selectedOptions[0].textContent.includes(' — ') ? 360 : 256);
      }
    }
    choose(platform, 'dream-machine-web');
    for (const id of ['#f-wallet-plan', '#f-wallet-status']) {
      const select = root.querySelector(id);
      for (const v of [...select.options].map((o) => o.value)) {
        choose(select, v);
        sweep(256);
      }
    }
    el.style.width = '';
    return [...out];
  });
  assert.deepEqual(cut, []);
  assert.equal(await w.getByLabel('Platform').evaluate((s) => s.selectedOptions[0].textContent), 'Dream Machine (web)');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a plan price keeps its figure on one line, however large', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  for (const extend of ['0', '99999']) {
    await choose(w, { extend });
    const lines = await w.locator('.plan-price:not(.none) > span:first-child').evaluateAll((spans) =>
      spans.map((s) => [s.textContent, s.getClientRects().length]));
    assert.ok(lines.some(([text]) => text.length > 9) || extend === '0', JSON.stringify(lines));
    for (const [text, rects] of lines) assert.equal(rects, 1, `${text} wraps`);
  }
  // Nor is "/mo" broken, in a language whose figures are wider; and a
  // dollar card too narrow for a figure and its currency code breaks
  // between them, not inside the code.
  await choose(w, { extend: '0' });
  await w.evaluate((el) => el.setAttribute('locale', 'pt-BR'));
  for (const width of [1440, 1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const per = await w.locator('.per').evaluateAll((spans) => spans.map((s) => s.getClientRects().length));
    assert.ok(per.length > 0 && per.every((n) => n === 1), `${width}: ${per}`);
    const figures = await w.locator('.rate-list .v').allTextContents();
    assert.ok(figures.length > 0 && figures.every((f) => /US\$/.test(f) && !/[\u00a0\u202f]/.test(f)), figures.join(' | '));
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a blank or unpublished monthly allowance is asked for, never counted as 0', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await w.getByText('Check my balance').click();
  await w.getByLabel('Model').selectOption('photon');
  const verdict = w.locator('.verdict');
  const monthly = w.getByLabel('Monthly credits left');
  // Free's allowance is "limited" (no number published): no verdict on a guess.
  await w.getByLabel(/^My .* plan$/).selectOption('free');
  assert.equal(await monthly.inputValue(), '');
  assert.equal(await verdict.textContent(),
    'Luma does not publish how many credits Free gives a month: enter your monthly credits left to check this balance.');
  assert.equal(await w.locator('.verdict-head').count(), 0);
  assert.equal(await monthly.getAttribute('aria-invalid'), null);
  // Enterprise's is "custom": not relaxed mode on 0 credits either.
  await w.getByLabel(/^My .* plan$/).selectOption('enterprise');
  assert.match(await verdict.textContent(), /how many credits Enterprise gives a month/);
  // Typed, it is checked.
  await monthly.fill('100');
  assert.match(await w.locator('.verdict-head').textContent(), /^Enough credits/);
  // A published allowance fills the field until typed; cleared, it is asked for.
  await w.getByLabel(/^My .* plan$/).selectOption('plus');
  await monthly.fill('');
  assert.equal(await verdict.textContent(),
    'Enter your monthly credits left to check this balance (Plus gives 10,000 a month).');
  assert.deepEqual(problems, []);
  await context.close();
});

test('add-ons that are off say why, in the words of quote()', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  const why = w.locator('.off-why');
  const describedBy = (label) => w.getByLabel(label).getAttribute('aria-describedby');
  const error = (request) => page.evaluate(async (r) => {
    const m = await import('/pkg/credit_estimator.js');
    await m.default();
    try {
      m.quote(r);
      return null;
    } catch (e) {
      return e.message;
    }
  }, request);
  const sentence = (m) => `${m[0].toUpperCase()}${m.slice(1)}.`;
  // Ray1.6 has no reframe rate: the box says so, and describes the checkbox.
  await choose(w, { model: 'ray-1.6' });
  const ray16 = { platform: 'dream-machine-web', model: 'ray-1.6', resolution: '720p', durationSeconds: 5 };
  const reframe = await error({ ...ray16, addons: [{ kind: 'reframe' }] });
  assert.match(reframe, /reframe of Ray1\.6 video: the article publishes reframe rates only for/);
  assert.ok(await w.getByLabel('Reframe').isDisabled());
  assert.equal(await why.textContent(), sentence(reframe));
  assert.equal(await why.isVisible(), true);
  assert.equal(await describedBy('Reframe'), 'off-why');
  assert.equal(await describedBy('Modify'), null);
  // Photon: the three video add-ons in one sentence.
  await choose(w, { model: 'photon' });
  assert.equal(await why.textContent(),
    'Extend, upscale and modify apply to video, not to Photon images; images take only reframe.');
  for (const label of ['Extend', 'Upscale', 'Modify']) assert.equal(await describedBy(label), 'off-why');
  assert.equal(await describedBy('Reframe'), null);
  // iOS Ray2 540p: no upscale from 540p.
  await choose(w, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '540p', duration: 5 });
  assert.match(await why.textContent(), /^Upscale from 540p: the article publishes no rate; it prices 720p → 1080p/);
  // Everything on: nothing to explain, and no stale description.
  await choose(w, { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', duration: 5 });
  assert.equal(await why.isVisible(), false);
  for (const label of ['Extend', 'Upscale', 'Reframe', 'Modify']) assert.equal(await describedBy(label), null);
  // An add-on a change takes off is said to be, and why, until the next change.
  await choose(w, { upscale: '1080p' });
  assert.equal(await shown(w), 160 + 10);
  await choose(w, { resolution: '1080p' });
  const gone = await error({ ...ray16, model: 'ray-2', resolution: '1080p', addons: [{ kind: 'upscale', to: '1080p' }] });
  assert.match(gone, /^upscale to 1080p from a 1080p clip is not an upscale/);
  assert.equal(await why.textContent(), `Upscale was taken off: ${gone}.`);
  assert.equal(await shown(w), 170);
  await choose(w, { duration: 10 });
  assert.equal(await why.isVisible(), false);
  // A change the page makes through an attribute clears it too.
  await choose(w, { resolution: '720p', upscale: '1080p' });
  await choose(w, { resolution: '1080p' });
  assert.match(await why.textContent(), /^Upscale was taken off/);
  await w.evaluate((el) => el.setAttribute('duration', '5'));
  assert.equal(await why.isVisible(), false);
  // Add-ons a change turned off and the next one turns back on are said to
  // be back, in the same polite live region, which stays in place (empty, it
  // takes no room) so a screen reader hears the change.
  assert.equal(await why.getAttribute('aria-live'), 'polite');
  await choose(w, { resolution: '720p', upscale: '1080p', modify: true });
  await choose(w, { model: 'photon' });
  assert.match(await why.textContent(), /^Extend, upscale and modify apply to video/);
  await choose(w, { model: 'ray-2' });
  assert.equal(await why.textContent(), 'Upscale and modify are back on, as before.');
  assert.equal(await w.getByLabel('Upscale').inputValue(), '1080p');
  assert.ok(await w.getByLabel('Modify').isChecked());
  for (const label of ['Extend', 'Upscale', 'Reframe', 'Modify']) assert.equal(await describedBy(label), null);
  // A change of resolution puts an upscale back too; a change the page
  // makes says nothing of it.
  await choose(w, { resolution: '1080p' });
  assert.match(await why.textContent(), /^Upscale was taken off/);
  await choose(w, { resolution: '720p' });
  assert.equal(await why.textContent(), 'Upscale is back on, as before.');
  await w.evaluate((el) => el.setAttribute('duration', '10'));
  assert.equal(await why.textContent(), '');
  await choose(w, { resolution: '1080p' });
  await choose(w, { resolution: '720p' });
  assert.equal(await why.textContent(), 'Upscale is back on, as before.');
  // A link (this widget has sync-url) with plan-fit settings only: its
  // selection is the defaults, of which nothing was put back.
  await page.evaluate(() => { location.hash = 'per-month=30'; });
  await page.waitForFunction(() => document.querySelector('credit-estimator').shadowRoot.querySelector('[name=per-month]').value === '30');
  assert.doesNotMatch(await why.textContent(), /back on/);
  await choose(w, { model: 'ray-2', resolution: '720p', modify: true });
  await choose(w, { modify: false });
  assert.equal(await why.textContent(), '');
  assert.equal(await why.isVisible(), false);
  assert.equal(await why.evaluate((e) => e.getBoundingClientRect().height), 0);
  await choose(w, { upscale: '' });
  // An upscale the page asked for where none is published is an error tied
  // to Upscale; once the page drops it, Upscale is off and described by why
  // it is off, not left with no description.
  await w.evaluate((el) => {
    el.setAttribute('platform', 'dream-machine-ios');
    el.setAttribute('model', 'ray-2');
    el.setAttribute('resolution', '540p');
    el.setAttribute('addons', 'upscale:2160p');
  });
  assert.equal(await w.getByLabel('Upscale').getAttribute('aria-invalid'), 'true');
  assert.equal(await describedBy('Upscale'), 'why');
  await w.evaluate((el) => el.setAttribute('addons', ''));
  assert.ok(await w.getByLabel('Upscale').isDisabled());
  assert.match(await why.textContent(), /^Upscale from 540p: the article publishes no rate/);
  assert.equal(await w.getByLabel('Upscale').getAttribute('aria-invalid'), null);
  assert.equal(await describedBy('Upscale'), 'off-why');
  // A control that is off is described by why it is off, and only by that,
  // not by what the change put back beside it.
  await w.evaluate((el) => {
    el.setAttribute('platform', 'dream-machine-web');
    el.setAttribute('resolution', '720p');
  });
  await choose(w, { upscale: '1080p', reframe: true });
  await choose(w, { model: 'photon' });
  await choose(w, { model: 'ray-1.6' });
  assert.equal(await why.textContent(), `${sentence(reframe)} Upscale is back on, as before.`);
  assert.equal(await describedBy('Reframe'), 'off-why');
  assert.equal(await w.locator('#off-why').textContent(), sentence(reframe));
  assert.equal(await describedBy('Upscale'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a choice that comes back takes off what it rules out, and nothing is left from another generation', async () => {
  // Found by a random walk comparing what the widget shows with quote(),
  // planFit() and check().
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  const web = { platform: 'dream-machine-web' };
  const news = () => w.locator('p.off-why').textContent();
  // Ray2 1080p comes back after Ray1.6 (720p only), and rules out the
  // upscale to 1080p chosen on Ray1.6's 720p: it is taken off, and said.
  await choose(w, { ...web, model: 'ray-2', resolution: '1080p' });
  await choose(w, { model: 'ray-1.6' });
  await choose(w, { upscale: '1080p' });
  await choose(w, { model: 'ray-2' });
  assert.equal(await w.getByLabel('Resolution').inputValue(), '1080p');
  assert.equal(await w.getByLabel('Upscale').inputValue(), '');
  await expectQuote(page, w, { ...web, model: 'ray-2', resolution: '1080p', durationSeconds: 5 }, 170);
  assert.match(await news(), /Upscale was taken off: /);
  // The same on iOS: 540p comes back without the upscale it has no rate for.
  await choose(w, { resolution: '720p', upscale: '1080p' });
  await choose(w, { platform: 'dream-machine-ios', resolution: '540p' });
  await choose(w, { platform: 'dream-machine-web' });
  assert.equal(await w.getByLabel('Upscale').inputValue(), '1080p');
  await choose(w, { platform: 'dream-machine-ios' });
  assert.equal(await w.getByLabel('Resolution').inputValue(), '540p');
  assert.equal(await w.getByLabel('Upscale').inputValue(), '');
  // Ray2 540p on iOS: 16 credits a second, 5 s = 80.
  assert.equal(await shown(w), 80);
  // Through Luma Agents, whose models take no resolution or length, back
  // to the web: Ray2 comes back with what the web has, not iOS's 540p.
  await choose(w, { platform: 'luma-agents' });
  await choose(w, { platform: 'dream-machine-web' });
  assert.equal(await w.getByLabel('Model', { exact: true }).inputValue(), 'ray-2');
  assert.equal(await w.getByLabel('Resolution').inputValue(), '720p');
  assert.equal(await w.getByLabel('Duration').evaluate((e) => e.tagName), 'SELECT');
  // (The upscale chosen on the web comes back with it: 160 + 10.)
  assert.equal(await w.getByLabel('Upscale').inputValue(), '1080p');
  assert.equal(await shown(w), 170);
  // An extend of 0 on Photon, which takes none, is off like an empty one.
  await choose(w, { upscale: '', extend: '0' });
  await choose(w, { model: 'photon' });
  assert.ok(await w.getByLabel('Extend').isDisabled());
  assert.equal(await w.getByLabel('Extend').inputValue(), '');
  assert.match(await w.locator('#off-why').textContent(), /extend/i);
  // Images wrong, then another model: the dimmed figures kept while a
  // number is retyped are not another generation's; and the add-ons that
  // are off still say why.
  await choose(w, { model: 'photon', images: 0 });
  await choose(w, { model: 'ray-2-flash' });
  await choose(w, { model: 'photon' });
  assert.equal(await w.locator('.lines').textContent(), '');
  assert.doesNotMatch(await w.locator('.result').textContent(), /Ray2 Flash/);
  assert.deepEqual(await w.evaluate((el) => [...el.shadowRoot.querySelectorAll('[data-stale]')].map((e) => e.className)), []);
  assert.match(await w.locator('#off-why').textContent(), /upscale/i);
  assert.equal(await w.getByLabel('Upscale').getAttribute('aria-describedby'), 'off-why');
  // While Images is emptied, Pay annually is not shown over monthly prices.
  await choose(w, { images: 8 });
  await w.getByLabel('Images').fill('');
  await w.getByLabel('Pay annually').check();
  assert.deepEqual(await w.evaluate((el) => [...el.shadowRoot.querySelectorAll('[data-stale]')].map((e) => e.className)), []);
  await w.getByLabel('Pay annually').uncheck();
  // What a change said is not left beside a control that says otherwise.
  await choose(w, { images: 4 });
  await choose(w, { model: 'ray-2', upscale: '1080p' });
  await choose(w, { model: 'photon' });
  await choose(w, { model: 'ray-2' });
  assert.match(await news(), /Upscale is back on, as before\./);
  await choose(w, { extend: '-2' });
  await choose(w, { upscale: '' });
  assert.doesNotMatch(await news(), /back on/);
  // A balance verdict kept while Images is retyped is the balance's as
  // typed: a new subscription state is not shown under the old verdict.
  await choose(w, { extend: '' });
  await choose(w, { model: 'photon', images: 4 });
  await w.getByText('Check my balance').click();
  await w.getByLabel('Monthly credits left').fill('100');
  assert.match(await w.locator('.verdict').textContent(), /^Enough credits/);
  await w.getByLabel('Images').fill('');
  const staleOnes = () => w.evaluate((el) => [...el.shadowRoot.querySelectorAll('[data-stale]')].map((e) => e.className));
  assert.ok((await staleOnes()).includes('verdict ok'), (await staleOnes()).join());
  await w.getByLabel('Subscription').selectOption('paused');
  assert.ok(!(await staleOnes()).some((c) => c.startsWith('verdict')), (await staleOnes()).join());
  assert.deepEqual(problems, []);
  await context.close();
});

test('an emptied count or length is asked for, not priced at its default', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await choose(w, { model: 'photon', images: 8 });
  assert.equal(await shown(w), 32);
  const fitTop = () => w.evaluate((el) => el.shadowRoot.querySelector('.fit').getBoundingClientRect().top - el.getBoundingClientRect().top);
  const stale = () => w.evaluate((el) => [...el.shadowRoot.querySelectorAll('[data-stale]')].map((e) => `${e.className}${e.inert ? ' inert' : ''}`));
  const before = await fitTop();
  // (A valid `plan` stays unblamed while nothing can be priced.)
  await w.evaluate((el) => el.setAttribute('plan', 'plus'));
  await w.getByLabel('Images').fill('');
  assert.equal(await w.locator('.why').textContent(), 'Images: enter a number');
  assert.equal(await w.locator('.alert').isVisible(), false);
  // Asked for, not wrong: the field is described by the question but not
  // invalid (nor red), and the question is not in the error colour.
  const images = w.getByLabel('Images');
  const tied = async (control) => [await control.getAttribute('aria-describedby'), await control.getAttribute('aria-invalid')];
  assert.deepEqual(await tied(images), ['why', null]);
  const whyColor = () => w.locator('.why').evaluate((e) => getComputedStyle(e).color);
  const askedWhy = await whyColor();
  // While the number is retyped, the last arithmetic, dollars, plans and
  // balance verdict stay in place, dimmed and inert: the sections below do
  // not jump, and the verdict's live line is not cleared and said again.
  const kept = ['usd inert', 'lines inert', 'notes inert', 'rates inert', 'plans inert', 'notices inert', 'sr inert', 'verdict ok inert'];
  assert.deepEqual(await stale(), kept);
  assert.ok(Math.abs((await fitTop()) - before) < 40, `${before} -> ${await fitTop()}`);
  await w.getByLabel('Images').fill('4');
  assert.deepEqual(await stale(), []);
  // A wrong count is being fixed too: all of it stays, dimmed.
  await w.getByLabel('Images').fill('2.5');
  assert.match(await w.locator('.why').textContent(), /^Images /);
  assert.deepEqual(await tied(images), ['why', 'true']);
  assert.notEqual(await whyColor(), askedWhy);
  assert.deepEqual(await stale(), kept);
  assert.ok(Math.abs((await fitTop()) - before) < 40, `${before} -> ${await fitTop()}`);
  await w.getByLabel('Images').fill('4');
  assert.deepEqual(await stale(), []);
  await w.getByLabel('Generations a month').fill('');
  assert.deepEqual(await stale(), ['plans inert', 'notices inert']);
  assert.equal(await w.locator('.fit-sum').textContent(), 'Generations a month: enter a number');
  assert.deepEqual(await tied(w.getByLabel('Generations a month')), ['fit-sum', null]);
  // A wrong count too: the plans stay while it is fixed, and the message
  // is in the error colour (an empty field is asked for, not an error).
  const sumColor = () => w.locator('.fit-sum').evaluate((e) => getComputedStyle(e).color);
  const asked = await sumColor();
  await w.getByLabel('Generations a month').fill('2.5');
  assert.match(await w.locator('.fit-sum').textContent(), /^Generations a month must be a whole number/);
  assert.deepEqual(await tied(w.getByLabel('Generations a month')), ['fit-sum', 'true']);
  assert.deepEqual(await stale(), ['plans inert', 'notices inert']);
  assert.equal(await sumColor(), await w.locator('.why').evaluate((e) => getComputedStyle(e).color));
  assert.notEqual(await sumColor(), asked);
  await w.getByLabel('Generations a month').fill('10');
  assert.deepEqual(await stale(), []);
  assert.equal(await sumColor(), asked);
  await w.getByLabel('Images').fill('');
  assert.equal(await w.locator('.num').getAttribute('data-empty'), '');
  assert.equal(await w.getByLabel('Images').inputValue(), '');
  assert.equal(await quoteOf(w), null);
  await w.getByLabel('Images').fill('6');
  assert.equal(await shown(w), 32);
  // The iOS length, per second, likewise.
  await choose(w, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p', duration: 10 });
  assert.equal(await shown(w), 320);
  await w.getByLabel('Duration').fill('');
  assert.equal(await w.locator('.why').textContent(), 'Duration: enter a number');
  assert.equal(await quoteOf(w), null);
  // A new top-up's date is asked for in words (not as "got \"\""), not
  // preset: Dream Machine sells no credits now, so it was not bought today,
  // and the date decides whether it still counts. The picker stops at today.
  await choose(w, { duration: 5 });
  await w.getByText('Check my balance').click();
  await w.getByLabel(/^My .* plan$/).selectOption('plus');
  // (The iOS app's plans are not published: the monthly credits are asked for.)
  await w.getByLabel('Monthly credits left').fill('100');
  await w.getByRole('button', { name: 'Add a top-up' }).click();
  assert.equal(await w.getByLabel('Credits', { exact: true }).inputValue(), '1200');
  assert.equal(await w.getByLabel('Bought on').inputValue(), '');
  const today = await browserDate(page);
  assert.equal(await w.getByLabel('Bought on').getAttribute('max'), today);
  assert.equal(await w.locator('.verdict').textContent(), 'Top-up 1: Bought on: enter the date it was bought; a top-up counts for 12 months from it');
  // Asked for, not wrong: tied to the question, and not red before anything
  // was typed in it.
  const date = w.getByLabel('Bought on');
  assert.equal(await date.getAttribute('aria-invalid'), null);
  assert.equal(await date.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby'))?.textContent),
    'Top-up 1: Bought on: enter the date it was bought; a top-up counts for 12 months from it');
  assert.equal(await date.evaluate((el) => getComputedStyle(el).borderTopColor === getComputedStyle(el.getRootNode().querySelector('.why')).color), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the balance panel shows only the pools of the plan\'s product', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await w.getByText('Check my balance').click();
  // The plan menu says whose plans it lists: both products have a Plus at
  // $29.99 ("This frequently causes confusion").
  const planLabel = () => w.locator('label[for=f-wallet-plan]').textContent();
  assert.equal(await planLabel(), 'My Dream Machine plan');
  // A generation the tables price is checked by its quote: no cost is asked.
  assert.equal(await w.getByLabel("This generation's cost in credits").isVisible(), false);
  // Dream Machine has top-ups and no spending limit.
  assert.equal(await w.getByLabel('Spending limit left').isVisible(), false);
  assert.equal(await w.getByRole('button', { name: 'Add a top-up' }).isVisible(), true);
  await w.getByRole('button', { name: 'Add a top-up' }).click();
  // Luma Agents has a spending limit and no top-ups: a top-up row left from
  // Dream Machine is not shown.
  await choose(w, { platform: 'luma-agents' });
  assert.equal(await planLabel(), 'My Luma Agents plan');
  assert.equal(await w.getByLabel('Spending limit left').isVisible(), true);
  assert.equal(await w.getByRole('button', { name: 'Add a top-up' }).isVisible(), false);
  assert.equal(await w.getByLabel('Credits', { exact: true }).isVisible(), false);
  await choose(w, { platform: 'dream-machine-web', model: 'ray-2' });
  assert.equal(await w.getByLabel('Credits', { exact: true }).isVisible(), true);
  // The iOS app's plans are not published (plan-prices.md), so what they
  // give a month is asked for, not taken from the web plan of that name.
  await w.getByRole('button', { name: 'Remove' }).click();
  await choose(w, { platform: 'dream-machine-ios', model: 'ray-2', resolution: '540p', duration: 5 });
  assert.equal(await w.getByLabel('Monthly credits left').inputValue(), '');
  assert.match(await w.locator('.verdict').textContent(), /does not publish the plans of Dream Machine \(iOS\)/);
  await w.getByLabel('Monthly credits left').fill('100');
  // Ray2 540p on iOS: 16 credits a second, 5 s = 80.
  assert.match(await w.locator('.verdict').textContent(), /^Enough credits.*Uses 80 credits/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('no balance field is left alone beside an empty cell, at any width', async () => {
  for (const width of [320, 700, 820, 1280]) {
    const { page, context } = await open(env, '', { viewport: { width, height: 900 } });
    const w = await widget(page);
    await w.getByText('Check my balance').click();
    for (const platform of ['dream-machine-web', 'luma-agents']) {
      await choose(w, { platform });
      // Each row's fields (by their top): a field alone in its row spans it.
      const rows = await w.evaluate((el) => {
        const row = el.shadowRoot.querySelector('.row.bal');
        const byTop = {};
        for (const f of row.querySelectorAll(':scope > :not([hidden])')) {
          const box = f.getBoundingClientRect();
          (byTop[Math.round(box.top)] ??= []).push(Math.round(box.width));
        }
        return { width: Math.round(row.getBoundingClientRect().width), rows: Object.values(byTop) };
      });
      for (const fields of rows.rows) {
        if (fields.length === 1) assert.ok(Math.abs(fields[0] - rows.width) <= 1, `${platform} at ${width}px: ${JSON.stringify(rows)}`);
      }
    }
    await context.close();
  }
});

test('passing over a platform that lacks the chosen model does not lose it', async () => {
  const { page, context } = await open(env);
  const w = await widget(page);
  await choose(w, { platform: 'dream-machine-web', model: 'ray-2', resolution: '1080p', duration: 10 });
  await choose(w, { platform: 'luma-agents' });
  assert.notEqual(await w.getByLabel('Model', { exact: true }).inputValue(), 'ray-2');
  await choose(w, { platform: 'dream-machine-web' });
  assert.equal(await w.getByLabel('Model', { exact: true }).inputValue(), 'ray-2');
  assert.equal(await w.getByLabel('Resolution').inputValue(), '1080p');
  assert.equal(await shown(w), 340);
  await context.close();
});

test('live regions speak of a change only, not on every render', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  // The reason the estimate failed is said by a live region that is in the
  // page before it is filled (one shown and filled at once is not read by
  // some screen readers); empty, it takes no room: the breakdown sits under
  // the dollars by the column's gap and its own margin (10 + 6px), as if the
  // region were not there.
  const why = () => w.evaluate((el) => {
    const box = (s) => el.shadowRoot.querySelector(s).getBoundingClientRect();
    const p = el.shadowRoot.querySelector('.why');
    return {
      display: getComputedStyle(p).display,
      live: p.getAttribute('aria-live'),
      height: box('.why').height,
      gap: Math.round(box('.lines').top - box('.usd').bottom),
      text: p.textContent,
    };
  });
  const empty = { display: 'block', live: 'polite', height: 0, gap: 16, text: '' };
  assert.deepEqual(await why(), empty);
  await w.getByLabel('Extend (seconds)').fill('-4');
  const filled = await why();
  assert.match(filled.text, /^Extend/);
  assert.ok(filled.height > 20, `the reason shows: ${filled.height}px`);
  await w.getByLabel('Extend (seconds)').fill('');
  assert.deepEqual(await why(), empty);

  await w.getByText('Check my balance').click();
  await w.evaluate((el) => el.setAttribute('plan', 'bogus'));
  assert.match(await w.getByRole('alert').textContent(), /plan “bogus” is not a plan here/);
  // Count what changes inside the verdict and the alert from here on.
  await w.evaluate((el) => {
    window.changed = { verdict: 0, alert: 0 };
    for (const name of ['verdict', 'alert']) {
      new MutationObserver((records) => { window.changed[name] += records.length; })
        .observe(el.shadowRoot.querySelector(`.${name}`), { childList: true, subtree: true, characterData: true, attributes: true });
    }
  });
  const changed = async () => {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    return page.evaluate(() => window.changed);
  };
  // Renders that change neither: plan fit's toggle and count.
  await w.getByLabel('Pay annually').check();
  await w.getByLabel('Generations a month').fill('25');
  assert.deepEqual(await changed(), { verdict: 0, alert: 0 });
  assert.match(await w.getByRole('alert').textContent(), /plan “bogus” is not a plan here/);
  // A change of the verdict is still made (and so announced).
  await w.getByLabel('Monthly credits left').fill('0');
  assert.ok((await changed()).verdict > 0);
  assert.match(await w.locator('.verdict-head').textContent(), /Not enough credits/);
  // And the alert goes once the attribute is gone.
  await w.evaluate((el) => el.removeAttribute('plan'));
  assert.ok((await changed()).alert > 0);
  assert.equal(await w.getByRole('alert').isHidden(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a screen reader hears the best fit and the verdict in a line each, and what the balance asks for is tied to its field', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await choose(w, { model: 'ray-2', resolution: '720p', duration: 5 });
  // Polite live regions, in place (empty or not) before they change, seen
  // by nobody: the cards show the best fit by a badge, and the verdict is
  // too long to read out on every keystroke.
  const [fit, verdict] = ['.fit > .sr', '.bal-body > .sr'].map((s) => w.locator(s));
  for (const live of [fit, verdict]) {
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    assert.deepEqual(await live.evaluate((e) => [e.getBoundingClientRect().width, getComputedStyle(e).position]), [1, 'absolute']);
  }
  assert.equal(await w.locator('.verdict').getAttribute('aria-live'), null);
  // Ray2 720p 5 s is 160 credits: 20 a month are Lite's 3,200 ($9.99); 60
  // are 9,600, Lite + 6 packs ($9.99 + $24.00) against Plus's 10,000 ($29.99).
  await w.getByLabel('Generations a month').fill('20');
  assert.equal(await fit.textContent(), 'Best fit: Lite, $9.99 a month');
  await w.getByLabel('Generations a month').fill('60');
  assert.equal(await fit.textContent(), 'Best fit: Plus, $29.99 a month');
  // The cards are heard in words too: a month, not "slash mo".
  assert.match(await w.locator('.plan.best .plan-price').ariaSnapshot(), /^- paragraph: \$29\.99 a month$/);
  await w.getByLabel('Pay annually').check();
  assert.equal(await fit.textContent(), 'Best fit: Plus, $23.99 a month');
  // A wrong count is heard; an emptied one, being retyped, is not.
  await w.getByLabel('Generations a month').fill('2.5');
  assert.equal(await fit.textContent(), 'Generations a month must be a whole number, 0 or more, got 2.5');
  await w.getByLabel('Generations a month').fill('');
  assert.equal(await fit.textContent(), '');
  await w.getByLabel('Generations a month').fill('60');
  // 60 of 10 s (320 credits) are 19,200 a year-billed month: Plus $23.99
  // + 8 packs for the 9,200 over its 10,000 ($32.00), under Unlimited's
  // $75.99 and Lite's $7.99 + 14 packs.
  await w.getByLabel('Duration').selectOption('10');
  assert.equal(await fit.textContent(), 'Best fit: Plus, $55.99 a month');
  // A count of the generation being retyped keeps the last: said again, it
  // would be heard again.
  await choose(w, { model: 'photon' });
  const photon = await fit.textContent();
  assert.match(photon, /^Best fit: /);
  const offWhy = await w.locator('#off-why').textContent();
  assert.match(offWhy, /^Extend, upscale and modify apply to video/);
  await w.getByLabel('Images').fill('');
  assert.equal(await fit.textContent(), photon);
  // So does what is said under the add-ons.
  assert.equal(await w.locator('#off-why').textContent(), offWhy);
  await choose(w, { model: 'ray-2', duration: 10 });

  await w.getByText('Check my balance').click();
  const monthly = w.getByLabel('Monthly credits left');
  await monthly.fill('');
  // Asked for, not wrong: described by the question, and not red.
  const ask = 'Enter your monthly credits left to check this balance (Plus gives 10,000 a month).';
  assert.equal(await w.locator('#verdict-msg').textContent(), ask);
  assert.equal(await verdict.textContent(), ask);
  assert.equal(await monthly.getAttribute('aria-describedby'), 'verdict-msg');
  assert.equal(await monthly.getAttribute('aria-invalid'), null);
  // 100 credits against 320: the verdict's first line only, read before the
  // verdict, whose own copy is hidden from screen readers (read once).
  await monthly.fill('100');
  assert.equal(await verdict.textContent(), 'Not enough credits: 220 short');
  assert.equal(await w.locator('.bal-body > .sr + .verdict').count(), 1);
  assert.equal(await w.locator('.verdict-head').getAttribute('aria-hidden'), 'true');
  // A figure alone in a row is heard with its unit.
  await monthly.fill('400');
  assert.match(await w.locator('.draws').ariaSnapshot(), /- listitem: Monthly credits 320 credits/);
  assert.match(await w.locator('.lines').ariaSnapshot(), /- listitem: .*10 s.* 320 credits/);
  assert.equal(await monthly.getAttribute('aria-describedby'), null);
  await monthly.fill('-1');
  assert.equal(await monthly.getAttribute('aria-invalid'), 'true');

  // Luma Agents prices nothing: the cost is asked for, in its field.
  await choose(w, { platform: 'luma-agents' });
  const known = w.getByLabel("This generation's cost in credits");
  assert.equal(await known.getAttribute('aria-describedby'), 'verdict-msg');
  assert.equal(await known.getAttribute('aria-invalid'), null);
  assert.match(await verdict.textContent(), /^Luma does not publish what this generation costs: enter its cost/);
  assert.equal(await fit.textContent(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test("the widget is marked English, its fields' borders are visible and its selects keep an arrow", async () => {
  const { page, context } = await open(env);
  const w = await widget(page);
  // Read as English on a page in any language (the words are English).
  assert.equal(await w.evaluate((el) => el.shadowRoot.querySelector('.frame').lang), 'en');
  // WCAG 1.4.11: a field's border shows where it is, at 3:1 or more.
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const ratio = await w.evaluate((el) => {
      const style = getComputedStyle(el.shadowRoot.querySelector('input.ctl'));
      const rgb = (color) => {
        const g = new OffscreenCanvas(1, 1).getContext('2d');
        g.fillStyle = color;
        g.fillRect(0, 0, 1, 1);
        return [...g.getImageData(0, 0, 1, 1).data.slice(0, 3)];
      };
      const luminance = (c) => {
        const [r, g, b] = c.map((v) => {
          const x = v / 255;
          return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [a, b] = [luminance(rgb(style.borderTopColor)), luminance(rgb(style.backgroundColor))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
    assert.ok(ratio >= 3, `${scheme}: border contrast ${ratio.toFixed(2)}:1`);
  }
  // Forced colours (Windows' contrast themes) remove the arrow the widget
  // draws on its selects as a background: the system's own arrow shows.
  const arrow = () => w.evaluate((el) => {
    const style = getComputedStyle(el.shadowRoot.querySelector('select.ctl'));
    return { appearance: style.appearance, drawn: style.backgroundImage !== 'none' };
  });
  assert.deepEqual(await arrow(), { appearance: 'none', drawn: true });
  await page.emulateMedia({ forcedColors: 'active' });
  assert.deepEqual(await arrow(), { appearance: 'auto', drawn: false });
  // There the error box's tint is gone: a border keeps it a box (none while
  // it is empty); and the field it is about keeps a mark (an outline, so
  // nothing moves), as the red is gone.
  const marks = () => w.evaluate((el) => {
    const root = el.shadowRoot;
    const style = (selector) => getComputedStyle(root.querySelector(selector));
    return {
      box: style('.why').borderTopWidth,
      field: [style('[name=extend]').outlineStyle, style('[name=extend]').borderTopWidth],
      other: [style('[name=model]').outlineStyle, style('[name=model]').borderTopWidth],
    };
  });
  assert.deepEqual(await marks(), { box: '0px', field: ['none', '1px'], other: ['none', '1px'] });
  await choose(w, { extend: '-3' });
  await w.getByLabel('Extend (seconds)').evaluate((input) => input.blur());
  assert.deepEqual(await marks(), { box: '1px', field: ['solid', '1px'], other: ['none', '1px'] });
  await context.close();
});

test('on a phone, fields are 16 px (iOS zooms into smaller ones) and a tapped button keeps no hover colour', async () => {
  const { page, context } = await open(env, '', { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const w = await widget(page);
  await w.getByText('Check my balance').tap();
  const add = w.getByRole('button', { name: 'Add a top-up' });
  const background = () => add.evaluate((b) => getComputedStyle(b).backgroundColor);
  const before = await background();
  await add.tap();
  // Every field, the new top-up's included, at 16 px or more.
  const small = await w.evaluate((el) => [...el.shadowRoot.querySelectorAll('select, input:not([type=checkbox])')]
    .filter((f) => parseFloat(getComputedStyle(f).fontSize) < 16)
    .map((f) => `${f.name || f.type}: ${getComputedStyle(f).fontSize}`));
  assert.deepEqual(small, []);
  assert.equal(await page.evaluate(() => matchMedia('(hover: hover)').matches), false);
  assert.equal(await background(), before);
  await context.close();
});

test('on a phone, a field that does not apply to the model takes no row of its own', async () => {
  const { page, context } = await open(env, '', { viewport: { width: 375, height: 667 } });
  const w = await widget(page);
  const shownFields = () => Promise.all(['Resolution', 'Duration', 'Images']
    .map((label) => w.getByLabel(label, { exact: true }).isVisible()));
  // Resolution and duration share a row; images, greyed out, would take one more.
  assert.deepEqual(await shownFields(), [true, true, false]);
  const [res, dur] = await Promise.all(['Resolution', 'Duration'].map((l) => w.getByLabel(l).boundingBox()));
  assert.equal(res.y, dur.y);
  await choose(w, { model: 'photon' });
  assert.deepEqual(await shownFields(), [false, false, true]);
  await choose(w, { platform: 'luma-agents' });
  assert.deepEqual(await shownFields(), [false, false, false]);
  // Where the three fit across, all three stay, the one that does not apply greyed out.
  await page.setViewportSize({ width: 1280, height: 900 });
  await choose(w, { platform: 'dream-machine-web', model: 'ray-2' });
  assert.deepEqual(await shownFields(), [true, true, true]);
  assert.equal(await w.getByLabel('Images').isDisabled(), true);
  await context.close();
});

test('on a wide screen a long breakdown leaves no empty room beside it: the dollars go under the form', async () => {
  const { page, context } = await open(env, '', { viewport: { width: 1280, height: 900 } });
  const w = await widget(page);
  const boxes = () => w.evaluate((el) => Object.fromEntries(['.form', '.result', '.rates'].map((s) => {
    const r = el.shadowRoot.querySelector(s).getBoundingClientRect();
    return [s.slice(1), { left: r.left, right: r.right, top: r.top, bottom: r.bottom }];
  })));
  // One line, no notes: the dollars run across the whole width, below both.
  let b = await boxes();
  assert.ok(b.rates.top >= Math.max(b.form.bottom, b.result.bottom), JSON.stringify(b));
  assert.equal(b.rates.right, b.result.right);
  // Every add-on: the estimate, with its notes, is far taller than the form.
  await choose(w, { extend: 9, upscale: '2160p', reframe: true, modify: true });
  b = await boxes();
  assert.equal(b.rates.left, b.form.left);
  assert.equal(b.rates.right, b.form.right);
  assert.ok(b.rates.top >= b.form.bottom && b.rates.top < b.result.bottom, JSON.stringify(b));
  // Two by two there.
  const tops = await w.locator('.rate-list > li').evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().top));
  assert.equal(new Set(tops).size, 2);
  await context.close();
});

test('on a phone the total stays in sight at the foot of the screen while the form runs on below it', async () => {
  const { page, context } = await open(env, '', { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const w = await widget(page);
  // Read after two frames: a scroll's stuck state is known from the next one.
  const peek = () => w.evaluate(async (el) => {
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    const p = el.shadowRoot.querySelector('.peek > p');
    const box = p.getBoundingClientRect();
    return { shown: getComputedStyle(p).visibility === 'visible', text: p.textContent, top: box.top, bottom: box.bottom };
  });
  // The form's end 100 px below the foot of the screen, or 100 px above it.
  const scrollForm = (below) => w.evaluate((el, below) => {
    const form = el.shadowRoot.querySelector('.form').getBoundingClientRect();
    window.scrollBy(0, form.bottom - innerHeight - below);
  }, below);
  await choose(w, { duration: 10 });
  await scrollForm(100);
  const status = await w.getByRole('status').textContent();
  let seen = await peek();
  assert.equal(seen.shown, true);
  // The total the status says (the peek is hidden from screen readers, which hear the status).
  assert.equal(seen.text, `Estimated cost${status}`);
  assert.match(seen.text, /320 credits$/);
  assert.ok(seen.bottom <= 667 && seen.top >= 667 - 80, JSON.stringify(seen));
  assert.equal(await w.evaluate((el) => el.shadowRoot.querySelector('.peek').getAttribute('aria-hidden')), 'true');
  // Taps go through it, to the field under it, shown or not.
  assert.equal(await w.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.peek')).pointerEvents), 'none');
  // A field reached by Tab is never under it (WCAG 2.4.11), on a short screen too.
  await page.setViewportSize({ width: 375, height: 400 });
  await w.evaluate((el) => { window.scrollTo(0, 0); el.shadowRoot.querySelector('#f-platform').focus(); });
  let beside = 0;
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const hidden = await w.evaluate(async (el) => {
      for (let k = 0; k < 2; k++) await new Promise(requestAnimationFrame);
      const field = el.shadowRoot.activeElement;
      const p = el.shadowRoot.querySelector('.peek > p');
      if (!field?.closest('.form') || getComputedStyle(p).visibility !== 'visible') return null;
      const [f, b] = [field.getBoundingClientRect(), p.getBoundingClientRect()];
      return f.bottom > b.top ? `${field.id} ends at ${f.bottom}, under the peek from ${b.top}` : '';
    });
    assert.ok(!hidden, hidden);
    if (hidden === '') beside++;
  }
  // The peek was showing beside some of the fields, so this looked at something.
  assert.ok(beside >= 2, `the peek showed beside ${beside} fields`);
  await page.setViewportSize({ width: 375, height: 667 });
  // Once the form's end is on screen, the estimate below it is too: no peek.
  await scrollForm(-100);
  seen = await peek();
  assert.equal(seen.shown, false);
  // Where the estimate sits beside the form, there is none at all.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await w.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.peek')).display), 'none');
  await context.close();
});

test('adding or removing a top-up keeps keyboard focus in the list', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await w.getByText('Check my balance').click();
  const add = w.getByRole('button', { name: 'Add a top-up' });
  const focused = () => w.evaluate((el) => {
    const active = el.shadowRoot.activeElement;
    return active?.getAttribute('aria-label') || active?.id || active?.textContent || null;
  });
  // Add puts the focus in the new row's Credits; each row is a group named
  // for its top-up, so its "Credits" and "Bought on" say which one they are.
  await add.focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'f-tc0');
  await add.click();
  assert.equal(await focused(), 'f-tc1');
  const second = w.getByRole('group', { name: 'Top-up 2', exact: true });
  assert.equal(await second.getByLabel('Credits', { exact: true }).getAttribute('id'), 'f-tc1');
  assert.equal(await second.getByLabel('Bought on').getAttribute('id'), 'f-td1');
  await w.getByRole('button', { name: 'Remove top-up 1' }).focus();
  await page.keyboard.press('Enter');
  // The second row moved up: its Remove has the focus.
  assert.equal(await w.locator('.top-up').count(), 1);
  assert.equal(await focused(), 'Remove top-up 1');
  await page.keyboard.press('Enter');
  assert.equal(await w.locator('.top-up').count(), 0);
  assert.equal(await focused(), 'Add a top-up');
  assert.deepEqual(problems, []);
  await context.close();
});

test('messages name the field a visitor typed in, not an API path', async () => {
  const { page, context, problems } = await open(env);
  const w = await widget(page);
  await w.getByText('Check my balance').click();
  await w.getByLabel(/^My .* plan$/).selectOption('plus');
  const verdict = () => w.locator('.verdict').textContent();
  // Each message is tied to its field: aria-invalid, and aria-describedby
  // naming the element that shows the message; fixing the value unties it.
  // Its border is in the error colour (that of the quote's error box).
  const tie = (label) => w.getByLabel(label, { exact: true }).evaluate((input) => {
    const by = input.getAttribute('aria-describedby');
    for (const a of input.getAnimations()) a.finish();
    const bad = getComputedStyle(input.getRootNode().querySelector('.why')).color;
    return {
      invalid: input.getAttribute('aria-invalid'),
      message: by && input.getRootNode().getElementById(by)?.textContent,
      red: getComputedStyle(input).borderTopColor === bad,
    };
  });
  const untied = { invalid: null, message: null, red: false };
  assert.deepEqual(await tie('Gifted credits'), untied);
  await w.getByLabel('Monthly credits left').fill('-10');
  assert.match(await verdict(), /^Monthly credits left must be a whole number/);
  const monthly = await tie('Monthly credits left');
  assert.equal(monthly.invalid, 'true');
  assert.match(monthly.message, /^Monthly credits left must be a whole number/);
  assert.equal(monthly.red, true);
  await w.getByLabel('Monthly credits left').fill('10');
  assert.deepEqual(await tie('Monthly credits left'), untied);
  await w.getByRole('button', { name: 'Add a top-up' }).click();
  await w.getByLabel('Bought on').fill('2999-01-01');
  assert.match(await verdict(), /^Top-up 1: Bought on .*2999 is after today/);
  const future = await tie('Bought on');
  assert.match(future.message, /^Top-up 1: Bought on .*2999 is after today/);
  // Once a date is typed, a wrong one is red (the row began without one).
  assert.equal(future.invalid, 'true');
  assert.equal((await tie('Credits')).invalid, null);
  await w.getByLabel('Bought on').fill('2020-01-01');
  await w.getByLabel('Credits', { exact: true }).fill('');
  assert.match((await tie('Credits')).message, /^Top-up 1: Credits: enter a number/);
  assert.equal((await tie('Bought on')).invalid, null);
  await w.getByLabel('Generations a month').fill('2.5');
  assert.match((await tie('Generations a month')).message, /^Generations a month must be a whole number/);
  // A count a month that makes the month's total too large, likewise.
  await w.getByLabel('Generations a month').fill('9007199254740991');
  assert.match((await tie('Generations a month')).message, /^Generations a month: the monthly total would exceed/);
  let text = await w.evaluate((el) => el.shadowRoot.textContent);
  assert.doesNotMatch(text, /wallet\.|usage\[/i);
  await w.getByLabel('Generations a month').fill('10');
  text = await w.evaluate((el) => el.shadowRoot.textContent);
  assert.doesNotMatch(text, /wallet\.|usage\[/);
  // A message about the selection is tied to the control it names.
  await w.getByLabel('Extend (seconds)').fill('-4');
  const extend = await tie('Extend (seconds)');
  assert.equal(extend.invalid, 'true');
  assert.match(extend.message, /^Extend/);
  assert.equal(extend.message, await w.locator('.why').textContent());
  assert.deepEqual(problems, []);
  await context.close();
});

test('the stylesheet in the wasm has the rules of src/widget/widget.css', async () => {
  // build.rs strips its comments and whitespace; the browser must read the
  // same rules from both.
  const { page, context } = await open(env);
  const w = await widget(page);
  const source = fs.readFileSync(path.join(root, 'src', 'widget', 'widget.css'), 'utf8');
  const [embedded, original] = await w.evaluate((el, text) => {
    const rules = (sheet) => [...sheet.cssRules].map((rule) => rule.cssText);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return [el.shadowRoot.adoptedStyleSheets.flatMap(rules), rules(sheet)];
  }, source);
  assert.ok(original.length > 100, `${original.length} rules read from the source`);
  assert.deepEqual(embedded, original);
  await context.close();
});

test('theming through CSS custom properties on the host', async () => {
  const { page, context } = await open(env);
  const w = await widget(page);
  const accent = () => w.locator('.plan.best').evaluate((el) => getComputedStyle(el).borderTopColor);
  const before = await accent();
  // The page's CSP forbids inline styles, so set the property through the CSSOM.
  await w.evaluate((el) => el.style.setProperty('--ce-accent', 'rgb(200, 0, 0)'));
  assert.notEqual(before, await accent());
  assert.equal(await accent(), 'rgb(200, 0, 0)');
  // --ce-radius shapes every corner, not the card alone: 0 squares them all.
  const corners = () => w.evaluate((el) => [...el.shadowRoot.querySelectorAll('*')]
    .map((e) => getComputedStyle(e).borderTopLeftRadius)
    .filter((r) => r !== '0px'));
  assert.ok((await corners()).length > 10);
  await w.evaluate((el) => el.style.setProperty('--ce-radius', '0px'));
  assert.deepEqual(await corners(), []);
  await context.close();
});
