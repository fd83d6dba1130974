// Shared set-up of the end-to-end tests: the demo server (scripts/serve.mjs,
// with its strict CSP) in-process and the system Chromium through
// playwright-core. Never downloads a browser. Needs `npm run build` first
// (npm test builds before it runs these).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/browser.mjs';
import { serve } from '../../scripts/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const www = path.join(root, 'www');
export const shots = path.join(root, 'artifacts', 'screenshots');

if (!fs.existsSync(path.join(www, 'pkg', 'credit_estimator_bg.wasm'))) {
  throw new Error('www/pkg/ is missing: run `npm run build` first');
}

/**
 * Starts the server on a free port (for `dir`, default www/; with the page
 * policy `csp`, default the strict one) and Chromium.
 */
export async function start({ dir, csp } = {}) {
  const server = await serve({ port: 0, ...(dir ? { dir } : {}), ...(csp ? { csp } : {}) });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Opens `url` (relative to the server) in a fresh context. `problems` collects
 * console errors and warnings, page errors and CSP violations; `requests`
 * every URL the page asked for.
 */
export async function open(env, url = '', options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.exposeFunction('__cspViolation', (v) => problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`));
  });
  await page.goto(env.base + url);
  return { page, context, problems, requests };
}

/** The `n`th widget on the page, once it shows its first result. */
export async function widget(page, n = 0) {
  await page.waitForFunction(
    (i) => {
      const el = document.querySelectorAll('credit-estimator')[i];
      const text = el?.shadowRoot?.querySelector('[role=status]')?.textContent ?? '';
      return text !== '' && text !== '—';
    },
    n,
  );
  return page.locator('credit-estimator').nth(n);
}

/** The whole number in a text: `≈ 1,590 credits` -> 1590. */
export function digits(text) {
  return Number(String(text).replace(/\D/g, ''));
}

/** The total the widget shows in its status element. */
export async function shown(w) {
  return digits(await w.getByRole('status').textContent());
}

/** Calls the module's own exports in the page (same wasm as the widget). */
export async function call(page, fn, ...args) {
  return page.evaluate(
    async ([name, args]) => {
      const m = await import('/pkg/credit_estimator.js');
      await m.default();
      return m[name](...args);
    },
    [fn, args],
  );
}

/** The element's `quote` property. */
export function quoteOf(w) {
  return w.evaluate((el) => el.quote);
}

/** The browser's date `daysAgo` days before today, `YYYY-MM-DD` in its time zone (as the widget's `today`). */
export function browserDate(page, daysAgo = 0) {
  return page.evaluate((days) => {
    const d = new Date(Date.now() - days * 86400e3);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, daysAgo);
}

/** Chooses a selection through the widget's controls, as a person would. */
export async function choose(w, s) {
  if (s.platform) await w.getByLabel('Platform').selectOption(s.platform);
  if (s.model) await w.getByLabel('Model', { exact: true }).selectOption(s.model);
  if (s.resolution) await w.getByLabel('Resolution').selectOption(s.resolution);
  if (s.duration !== undefined) {
    const d = w.getByLabel('Duration');
    if ((await d.evaluate((e) => e.tagName)) === 'SELECT') await d.selectOption(String(s.duration));
    else await d.fill(String(s.duration));
  }
  if (s.images !== undefined) await w.getByLabel('Images').fill(String(s.images));
  if (s.extend !== undefined) await w.getByLabel('Extend').fill(String(s.extend));
  if (s.upscale !== undefined) await w.getByLabel('Upscale').selectOption(s.upscale);
  if (s.reframe !== undefined) await w.getByLabel('Reframe').setChecked(s.reframe);
  if (s.modify !== undefined) await w.getByLabel('Modify').setChecked(s.modify);
}

export function screenshotPath(name) {
  fs.mkdirSync(shots, { recursive: true });
  return path.join(shots, name);
}
