// Independent oracle for check(wallet, request), written from:
//  - the contract (issue 3, "check (contract)"),
//  - the articles (../shared/articles/ beside the repository),
//  - pricing/README.md rules 23-32 and README.md "check(wallet, request)".
// The COST of a generation is taken from quote() (this oracle is about the wallet, not prices).
// It imports nothing from the product: call useQuote(pkg.quote) once before oracleCheck().

let quoteFn = () => { throw new Error('oracle: call useQuote(pkg.quote) first'); };
export function useQuote(fn) { quoteFn = fn; }

const MAX = Number.MAX_SAFE_INTEGER; // README rule 15: counts stop at 2^53 - 1

// Plan ids (contract "Data"): Dream Machine web plans and Luma Agents plans.
export const PLANS = {
  'dream-machine': ['free', 'lite', 'plus', 'unlimited', 'enterprise'],
  'luma-agents': ['plus', 'pro', 'ultra'],
};
// Request platform -> wallet product (README rule 23).
const PRODUCT_OF = {
  'dream-machine-web': 'dream-machine',
  'dream-machine-ios': 'dream-machine',
  'luma-agents': 'luma-agents',
};
// Models whose output is video (credit article: Photon is the image model; Ray* are video).
const VIDEO_MODELS = new Set(['ray-1.6', 'ray-2', 'ray-2-flash']);
const SUBSCRIPTIONS = ['active', 'paused', 'cancelled'];
const WALLET_FIELDS = new Set(['platform', 'plan', 'subscription', 'today', 'monthly', 'gifted', 'topUps', 'spendingLimit']);
const TOPUP_FIELDS = new Set(['credits', 'purchased']);
const KNOWN_COST_FIELDS = new Set(['credits', 'platform', 'model', 'resolution', 'durationSeconds', 'images', 'addons']);
const GENERATION_FIELDS = ['model', 'resolution', 'durationSeconds', 'images', 'addons'];
const PACK = 1200; // "Start at $4 for 1,200 credits"
const VALID_MONTHS = 12; // "Valid for 12 months from the purchase date"

class OracleError extends Error {
  constructor(code) { super(code); this.code = code; }
}
const fail = (code) => { throw new OracleError(code); };

const absent = (v) => v === null || v === undefined;
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
  && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
const isCount = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX;

// ---- calendar arithmetic (proleptic Gregorian, by hand: no date library in Node) ----
const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y, m) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
export function parseDate(s) {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return { y, m: mo, d };
}
const fmt = ({ y, m, d }) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
// Add months, clamping the day to the target month's last day (2024-02-29 + 12 -> 2025-02-28).
export function addMonths(date, n) {
  const idx = date.y * 12 + (date.m - 1) + n;
  const y = Math.floor(idx / 12), m = (idx % 12) + 1;
  return { y, m, d: Math.min(date.d, daysIn(y, m)) };
}
const cmp = (a, b) => (a.y - b.y) || (a.m - b.m) || (a.d - b.d);

// ---- wallet ----
// Phase 0 (before the request is read): the wallet's shape and JS types (the product's order;
// the contract leaves it open). Values are checked in phase 2, after the request's shape.
const WALLET_TYPES = { platform: 'string', plan: 'string', subscription: 'string', today: 'string', monthly: 'number',
  gifted: 'number', topUps: 'array', spendingLimit: 'number' };
const REQUIRED = ['platform', 'plan', 'subscription', 'today', 'monthly'];
function readWalletShape(w) {
  if (!isPlainObject(w)) fail('invalid_wallet');
  for (const k of Object.keys(w)) {
    if (!Object.hasOwn(WALLET_TYPES, k) || !typeOk(w[k], WALLET_TYPES[k])) fail('invalid_wallet');
  }
  for (const t of absent(w.topUps) ? [] : w.topUps) {
    if (!isPlainObject(t)) fail('invalid_wallet');
    for (const k of Object.keys(t)) if (!TOPUP_FIELDS.has(k)) fail('invalid_wallet');
    if (!typeOk(t.credits, 'number') || !typeOk(t.purchased, 'string')) fail('invalid_wallet');
  }
}
function readWallet(w) {
  for (const k of REQUIRED) if (absent(w[k])) fail('invalid_wallet');
  const product = w.platform;
  if (typeof product !== 'string' || !Object.hasOwn(PLANS, product)) fail('invalid_wallet');
  if (!PLANS[product].includes(w.plan)) fail('invalid_wallet');
  if (!SUBSCRIPTIONS.includes(w.subscription)) fail('invalid_wallet');
  const today = parseDate(w.today);
  if (!today) fail('invalid_wallet');
  if (!isCount(w.monthly)) fail('invalid_wallet');
  if (!absent(w.gifted) && !isCount(w.gifted)) fail('invalid_wallet');
  const gifted = absent(w.gifted) ? 0 : w.gifted;
  let topUps = [];
  if (!absent(w.topUps)) {
    if (!Array.isArray(w.topUps)) fail('invalid_wallet');
    topUps = w.topUps.map((t, index) => {
      if (!isPlainObject(t)) fail('invalid_wallet');
      for (const k of Object.keys(t)) if (!TOPUP_FIELDS.has(k)) fail('invalid_wallet');
      if (!isCount(t.credits)) fail('invalid_wallet');
      const purchased = parseDate(t.purchased);
      if (!purchased) fail('invalid_wallet');
      // A purchase after `today` is an impossible date for this wallet (contract: "impossible dates").
      if (cmp(purchased, today) > 0) fail('invalid_wallet');
      return { index, credits: t.credits, purchased };
    });
  }
  // README rule 28: Luma Agents has no top-ups (an empty list is accepted); Dream Machine has no spending limit.
  if (product === 'luma-agents' && topUps.length > 0) fail('invalid_wallet');
  let spendingLimit = 0;
  if (!absent(w.spendingLimit)) {
    if (product !== 'luma-agents') fail('invalid_wallet');
    if (!isCount(w.spendingLimit)) fail('invalid_wallet');
    spendingLimit = w.spendingLimit;
  }
  // Top-ups now (README rules 24, 25): expired ones are gone; the others count on an active paid plan,
  // else they are hidden but kept.
  const paidActive = w.subscription === 'active' && w.plan !== 'free';
  const live = [];
  let hidden = 0n;
  for (const t of topUps) {
    const expires = addMonths(t.purchased, VALID_MONTHS); // stops counting on this day
    if (expires.y > 9999) fail('invalid_wallet'); // YYYY dates: an expiry past 9999-12-31 cannot be given
    if (cmp(today, expires) >= 0) continue;
    if (paidActive) live.push({ ...t, expires });
    else hidden += BigInt(t.credits);
  }
  live.sort((a, b) => cmp(a.purchased, b.purchased) || (a.index - b.index)); // oldest first, ties in given order
  const available = BigInt(w.monthly) + BigInt(gifted) + live.reduce((s, t) => s + BigInt(t.credits), 0n);
  return { product, plan: w.plan, subscription: w.subscription, today, monthly: w.monthly, gifted, spendingLimit,
    live, hidden, available };
}

// ---- request ----
// Phase 1 (before the wallet is read): the request's shape and JS types. A malformed shape is
// invalid_request whatever the wallet (the contract leaves the order of invalid_wallet and
// invalid_request open; this is the product's order).
const QUOTE_FIELDS = { platform: 'string', model: 'string', resolution: 'string', durationSeconds: 'number', images: 'number', addons: 'array' };
const ADDON_FIELDS = { kind: 'string', to: 'string', seconds: 'number' };
function typeOk(v, t) {
  if (absent(v)) return true;
  if (t === 'array') return Array.isArray(v);
  return typeof v === t;
}
function readRequestShape(r) {
  if (!isPlainObject(r)) fail('invalid_request');
  // README rule 31 / README "Using it from JavaScript": null or undefined counts as left out,
  // so a request is a known cost when `credits` is given (not null, not undefined).
  if (!absent(r.credits)) {
    for (const k of Object.keys(r)) {
      if (k === 'credits' || k === 'platform') continue;
      if (Object.hasOwn(QUOTE_FIELDS, k) && absent(r[k])) continue; // a generation field left out (typings: `model?: null`)
      fail('invalid_request');
    }
    if (typeof r.credits !== 'number') fail('invalid_request');
    if (!typeOk(r.platform, 'string')) fail('invalid_request');
    return { known: true };
  }
  for (const k of Object.keys(r)) {
    if (k === 'credits') continue; // null/undefined: left out
    if (!Object.hasOwn(QUOTE_FIELDS, k)) fail('invalid_request');
    if (!typeOk(r[k], QUOTE_FIELDS[k])) fail('invalid_request');
  }
  for (const a of absent(r.addons) ? [] : r.addons) {
    if (!isPlainObject(a)) fail('invalid_request');
    for (const k of Object.keys(a)) {
      if (!Object.hasOwn(ADDON_FIELDS, k) || !typeOk(a[k], ADDON_FIELDS[k])) fail('invalid_request');
    }
  }
  return { known: false };
}

// Phase 3 (after the wallet): platform, then the cost. Returns { cost, approximate, video }.
function priceRequest(wallet, r, shape) {
  if (!absent(r.platform) && !Object.hasOwn(PRODUCT_OF, r.platform)) {
    if (shape.known) fail('unknown_platform');
    // a generation request: quote() says what is wrong with its platform
  } else if (!absent(r.platform) && PRODUCT_OF[r.platform] !== wallet.product) {
    // Contract: platform_mismatch is checked before the request is priced.
    fail('platform_mismatch');
  }
  if (shape.known) {
    // README rule 31: a whole number from 1 (rule 15: at most 2^53 - 1).
    if (!isCount(r.credits) || r.credits < 1) fail('invalid_request');
    return { cost: r.credits, approximate: false, video: false };
  }
  let q;
  try {
    const { credits, ...rest } = r; // credits is null/undefined here: left out
    q = quoteFn(rest);
  } catch (e) {
    fail(e && e.code ? e.code : 'thrown');
  }
  return { cost: q.credits, approximate: q.approximate, video: VIDEO_MODELS.has(r.model) };
}

function dreamMachine(w, req) {
  const { live, hidden } = w;
  const available = w.available;
  const out = { cost: req.cost, approximate: req.approximate, available };
  if (hidden > 0) out.hiddenTopUpCredits = hidden;
  const freeVideo = w.plan === 'free' && req.video; // rule 29: Free makes images only
  if (!freeVideo && available >= req.cost) {
    let left = req.cost;
    const draws = [];
    const take = (pool, have, extra = {}) => {
      const n = Math.min(have, left);
      if (n > 0) { draws.push({ pool, credits: n, ...extra }); left -= n; }
    };
    take('monthly', w.monthly);
    take('gifted', w.gifted);
    for (const t of live) take('topUp', t.credits, { topUpIndex: t.index, purchased: fmt(t.purchased), expires: fmt(t.expires) });
    return { verdict: 'ok', ...out, draws, shortfall: 0 };
  }
  // rule 26 / contract 4: active Unlimited or Enterprise runs short in relaxed mode.
  if (!freeVideo && w.subscription === 'active' && (w.plan === 'unlimited' || w.plan === 'enterprise')) {
    return { verdict: 'relaxed', ...out, draws: [], shortfall: 0 };
  }
  const shortfall = freeVideo ? req.cost : req.cost - available;
  return { verdict: 'insufficient', ...out, draws: [], shortfall, topUpPacks: Math.ceil(shortfall / PACK) };
}

function lumaAgents(w, req) {
  const available = w.available;
  const out = { cost: req.cost, approximate: req.approximate, available };
  // Spending limit pays only on an active subscription (README rule 28).
  const limit = w.subscription === 'active' ? w.spendingLimit : 0;
  if (available + limit >= req.cost) {
    let left = req.cost;
    const draws = [];
    const take = (pool, have) => {
      const n = Math.min(have, left);
      if (n > 0) { draws.push({ pool, credits: n }); left -= n; }
    };
    take('monthly', w.monthly);
    take('gifted', w.gifted);
    take('spendingLimit', limit);
    return { verdict: 'ok', ...out, draws, shortfall: 0 };
  }
  return { verdict: 'paused', ...out, draws: [], shortfall: req.cost - available };
}

export function oracleCheck(wallet, request) {
  try {
    readWalletShape(wallet);
    const shape = readRequestShape(request);
    const w = readWallet(wallet);
    const req = priceRequest(w, request, shape);
    // Not in the contract: a wallet whose spendable credits, or whose hidden top-ups, add up past
    // 2^53 - 1 is invalid_wallet (README rule 15 carried over); the product finds this after pricing.
    if (w.available > BigInt(MAX) || w.hidden > BigInt(MAX)) fail('invalid_wallet');
    w.available = Number(w.available);
    w.hidden = Number(w.hidden);
    return w.product === 'dream-machine' ? dreamMachine(w, req) : lumaAgents(w, req);
  } catch (e) {
    if (e instanceof OracleError) return { error: e.code };
    throw e;
  }
}

// The numeric essence of the product's answer, in the oracle's shape.
export function essence(fn) {
  let r;
  try {
    r = fn();
  } catch (e) {
    return { error: e && e.code ? e.code : `uncaught:${e && e.message}` };
  }
  const out = {
    verdict: r.verdict, cost: r.cost, approximate: r.approximate, available: r.available,
    draws: r.draws.map((d) => {
      const x = { pool: d.pool, credits: d.credits };
      for (const k of ['topUpIndex', 'purchased', 'expires']) if (d[k] !== undefined) x[k] = d[k];
      return x;
    }),
    shortfall: r.shortfall,
  };
  if (r.hiddenTopUpCredits !== undefined) out.hiddenTopUpCredits = r.hiddenTopUpCredits;
  if (r.topUpPacks !== undefined) out.topUpPacks = r.topUpPacks;
  const extra = Object.keys(r).filter((k) => !['verdict', 'cost', 'approximate', 'available', 'draws', 'shortfall',
    'hiddenTopUpCredits', 'topUpPacks', 'remedies', 'reasons', 'edition'].includes(k));
  if (extra.length) out.extraKeys = extra;
  return out;
}

// Canonical form for comparison (key order independent).
export function canon(x) {
  if (Array.isArray(x)) return x.map(canon);
  if (x && typeof x === 'object') {
    const o = {};
    for (const k of Object.keys(x).sort()) o[k] = canon(x[k]);
    return o;
  }
  return x;
}
