// Seeded request generator for the oracle comparison (mulberry32; deterministic).
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DM = ['photon', 'ray-1.6', 'ray-2', 'ray-2-flash'];
const LA = ['ray-3.14', 'veo-3', 'veo-3.1', 'kling-3.0', 'kling-2.6'];
const RES = ['540p', '720p', '1080p', '2160p'];
export const DURATIONS = [3, 4.99, 5, 5.01, 9, 10, 10.5, 15, 1, 2.5, 7, 11, 14.999, 20, 25, 60, 0.1 + 0.2,
  4.999999999999999, 5.000000000000001, 10.00000000000001, 9.999999999999999, 1000, 3600, 1e6, 1e9, 1e12,
  1e13, 5.6e13, 5.7e13, 1e14, 1e15, 1e20];
const EXTENDS = [1, 3, 4.7, 5, 5.5, 9, 10, 0.3, 12.25, 15, 30, 1e9, 1e14];
const IMAGES = [1e3, 1e6, 2 ** 40, 2 ** 49, 2 ** 51 - 1, 2 ** 51, 2 ** 51 + 1, 2 ** 53 - 1];

export function makeGen(seed) {
  const r = mulberry32(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chance = (p) => r() < p;

  function addons(images) {
    const out = [];
    if (chance(images ? 0.1 : 0.45)) out.push({ kind: 'upscale', to: pick(['1080p', '2160p']) });
    if (chance(0.4)) out.push({ kind: 'reframe' });
    if (chance(images ? 0.1 : 0.35)) out.push({ kind: 'modify' });
    if (chance(images ? 0.1 : 0.4)) out.push({ kind: 'extend', seconds: chance(0.8) ? pick(EXTENDS) : Math.round(r() * 2000) / 100 + 0.01 });
    for (let i = out.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [out[i], out[j]] = [out[j], out[i]]; }
    return out;
  }

  // Combinations that exist (from the article's tables; no prices here).
  const VALID = {
    'dream-machine-web': [['ray-1.6', '720p'], ['ray-2', '720p'], ['ray-2', '1080p'], ['ray-2-flash', '720p'], ['ray-2-flash', '1080p']],
    'dream-machine-ios': [['ray-1.6', '720p'], ['ray-2', '540p'], ['ray-2', '720p']],
  };
  function validReq(platform) {
    platform ??= pick(['dream-machine-web', 'dream-machine-ios']);
    if (chance(0.3)) {
      const req = { platform, model: 'photon', images: chance(0.9) ? 1 + Math.floor(r() * 40) : pick(IMAGES) };
      if (chance(0.4)) req.addons = [{ kind: 'reframe' }];
      return req;
    }
    const [model, resolution] = pick(VALID[platform]);
    const req = { platform, model, resolution };
    req.durationSeconds = platform === 'dream-machine-web' ? pick([5, 10, 5.0, 10])
      : chance(0.8) ? pick(DURATIONS.filter((d) => d < 1e12)) : Math.round(r() * 3000) / 100 + 0.01;
    if (model === 'ray-1.6' && platform === 'dream-machine-web') req.durationSeconds = 5;
    const a = addons(false).filter((x) => !(x.kind === 'reframe' && model === 'ray-1.6')
      && !(x.kind === 'upscale' && (resolution === '540p' || x.to === resolution)));
    if (a.length) req.addons = a;
    return req;
  }

  // A quote request: all platforms/models/resolutions, about half of them valid combinations.
  function quoteReq(platform) {
    if (platform !== 'luma-agents' && chance(0.55)) return validReq(platform);
    platform ??= pick(['dream-machine-web', 'dream-machine-web', 'dream-machine-ios', 'dream-machine-ios', 'luma-agents']);
    const model = platform === 'luma-agents' ? (chance(0.9) ? pick(LA) : pick(DM)) : (chance(0.97) ? pick(DM) : pick(LA));
    const req = { platform, model };
    if (model === 'photon') {
      req.images = chance(0.85) ? 1 + Math.floor(r() * 40) : pick(IMAGES);
      if (chance(0.03)) req.resolution = pick(RES);
      const a = addons(true); if (a.length) req.addons = a;
    } else {
      req.resolution = chance(0.85) ? pick(['720p', '1080p', '720p', '540p']) : pick(RES);
      req.durationSeconds = chance(0.8) ? pick(DURATIONS) : Math.round(r() * 3000) / 100 + 0.01;
      if (platform === 'dream-machine-web' && chance(0.5)) req.durationSeconds = pick([5, 10]);
      const a = addons(false); if (a.length) req.addons = a;
    }
    return req;
  }

  function planReq() {
    const platform = chance(0.95) ? 'dream-machine-web' : pick(['dream-machine-ios', 'luma-agents', 'dream-machine']);
    const n = Math.floor(r() * 5); // 0..4 lines
    const usage = [];
    for (let i = 0; i < n; i++) {
      let req = chance(0.85) ? validReq('dream-machine-web') : quoteReq(chance(0.9) ? 'dream-machine-web' : undefined);
      if (chance(0.5) && req.model !== 'photon') { req.durationSeconds = pick([5, 10]); }
      const perMonth = chance(0.45) ? Math.floor(r() * 31) : chance(0.85) ? Math.floor(r() * 501) : pick([0, 1000, 10000, 1e6, 1e9, 1e12]);
      usage.push({ request: req, perMonth });
    }
    const out = { platform, usage };
    const b = r();
    if (b < 0.35) out.billing = 'monthly'; else if (b < 0.7) out.billing = 'annual';
    if (chance(0.6)) {
      const needs = {};
      if (chance(0.6)) needs.commercialUse = chance(0.5);
      if (chance(0.6)) needs.noWatermark = chance(0.5);
      out.needs = needs;
    }
    return out;
  }

  return { quoteReq, validReq, planReq, r, pick };
}

// Hand-made invalid (and edge) requests, each with one fault.
export function invalidQuotes() {
  const v = { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 5 };
  const ph = { platform: 'dream-machine-web', model: 'photon', images: 4 };
  const ios = { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p', durationSeconds: 5 };
  const with_ = (b, x) => ({ ...b, ...x });
  return [
    null, 5, 'x', [], with_(v, { colour: 'red' }),
    with_(v, { platform: 'dream-machine' }), with_(v, { platform: 'Dream-Machine-Web' }), with_(v, { platform: 5 }), { model: 'ray-2', resolution: '720p', durationSeconds: 5 },
    with_(v, { model: 'ray2' }), with_(v, { model: 'RAY-2' }), with_(v, { model: 'ray-3' }), with_(v, { model: 7 }), { platform: 'dream-machine-web' },
    with_(v, { model: 'veo-3' }), with_(v, { platform: 'luma-agents', model: 'ray-2' }), with_(v, { platform: 'luma-agents', model: 'veo-3' }),
    with_(v, { resolution: '4k' }), with_(v, { resolution: '2160p' }), with_(v, { resolution: '540p' }), with_(v, { resolution: 720 }),
    with_(v, { resolution: undefined }), with_(v, { durationSeconds: undefined }), with_(v, { durationSeconds: '5' }),
    with_(v, { durationSeconds: 0 }), with_(v, { durationSeconds: -5 }), with_(v, { durationSeconds: NaN }), with_(v, { durationSeconds: Infinity }),
    with_(v, { durationSeconds: 1e308 }), with_(v, { durationSeconds: 3e-286 }), with_(v, { durationSeconds: 7 }), with_(v, { durationSeconds: 15 }),
    with_(v, { model: 'ray-1.6', durationSeconds: 10 }), with_(v, { model: 'ray-1.6', resolution: '1080p' }),
    with_(v, { images: 4 }),
    with_(ios, { durationSeconds: 0 }), with_(ios, { durationSeconds: 1e300 }), with_(ios, { resolution: '1080p' }), with_(ios, { model: 'ray-1.6', resolution: '540p' }),
    with_(ios, { model: 'ray-2-flash' }), with_(ios, { model: 'ray-2-flash', resolution: '1080p' }), with_(ios, { durationSeconds: 1e15 }),
    with_(ph, { images: 0 }), with_(ph, { images: -1 }), with_(ph, { images: 2.5 }), with_(ph, { images: '4' }), with_(ph, { images: 2 ** 53 }),
    with_(ph, { images: 1e300 }), with_(ph, { images: NaN }), with_(ph, { images: undefined }), with_(ph, { resolution: '720p' }),
    with_(ph, { durationSeconds: 5 }), with_(ph, { platform: 'dream-machine-ios', images: 2 ** 53 - 1 }),
    with_(ph, { addons: [{ kind: 'upscale', to: '1080p' }] }), with_(ph, { addons: [{ kind: 'extend', seconds: 5 }] }), with_(ph, { addons: [{ kind: 'modify' }] }),
    with_(ph, { addons: [{ kind: 'reframe' }, { kind: 'reframe' }] }),
    with_(v, { addons: {} }), with_(v, { addons: [null] }), with_(v, { addons: [{}] }), with_(v, { addons: [{ kind: 'zoom' }] }),
    with_(v, { addons: [{ kind: 'Upscale', to: '1080p' }] }), with_(v, { addons: [{ kind: 'upscale' }] }), with_(v, { addons: [{ kind: 'upscale', to: '4k' }] }),
    with_(v, { addons: [{ kind: 'upscale', to: '720p' }] }), with_(v, { addons: [{ kind: 'upscale', to: '540p' }] }),
    with_(v, { resolution: '1080p', addons: [{ kind: 'upscale', to: '1080p' }] }),
    with_(v, { addons: [{ kind: 'upscale', to: '1080p' }, { kind: 'upscale', to: '2160p' }] }),
    with_(v, { addons: [{ kind: 'modify' }, { kind: 'modify' }] }), with_(v, { addons: [{ kind: 'modify', level: 2 }] }),
    with_(v, { addons: [{ kind: 'extend' }] }), with_(v, { addons: [{ kind: 'extend', seconds: 0 }] }), with_(v, { addons: [{ kind: 'extend', seconds: -1 }] }),
    with_(v, { addons: [{ kind: 'extend', seconds: '5' }] }), with_(v, { addons: [{ kind: 'extend', seconds: NaN }] }),
    with_(v, { addons: [{ kind: 'extend', seconds: 1e300 }] }), with_(v, { addons: [{ kind: 'reframe', to: '1080p' }] }),
    with_(v, { model: 'ray-1.6', addons: [{ kind: 'reframe' }] }), with_(ios, { resolution: '540p', addons: [{ kind: 'upscale', to: '1080p' }] }),
    with_(ios, { resolution: '540p', addons: [{ kind: 'upscale', to: '2160p' }] }), with_(ios, { model: 'ray-1.6', addons: [{ kind: 'reframe' }] }),
    with_(v, { platform: 'luma-agents', model: 'kling-2.6', addons: [{ kind: 'modify' }] }),
    // edge values that should price
    with_(v, { durationSeconds: 5.0 }), with_(v, { durationSeconds: 10.00000000000001 }), with_(ios, { durationSeconds: 1e-20 }),
    with_(ios, { durationSeconds: 2.8e13 }), with_(ios, { durationSeconds: 2.9e14 }),
    with_(v, { addons: [{ kind: 'extend', seconds: 0.1 + 0.2 }, { kind: 'upscale', to: '1080p' }], durationSeconds: 5 }),
    with_(v, { addons: [{ kind: 'extend', seconds: 1e-20 }, { kind: 'upscale', to: '1080p' }], durationSeconds: 10 }),
    with_(v, { resolution: null, images: null, addons: null }), with_(ph, { resolution: null, durationSeconds: null, addons: null }),
    with_(v, { addons: [] }),
    with_(ios, { durationSeconds: 1e-28 }), with_(ios, { durationSeconds: 1.5e-28 }), with_(ios, { durationSeconds: 9e-29 }), with_(ios, { durationSeconds: 1.23456789012345e-15 }),
    with_(ios, { addons: [{ kind: 'extend', seconds: 1.23456789012345e-20 }, { kind: 'reframe' }] }),
    with_(ios, { durationSeconds: 9007199254740990 }), with_(ios, { durationSeconds: 9007199254740991 }),
    with_(ph, { images: 2 ** 51 - 4 }), with_(ph, { images: 2 ** 51 - 3 }), with_(ph, { images: 2 ** 51 - 4, addons: [{ kind: 'reframe' }] }),
  ];
}

export function invalidPlans() {
  const q = { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 10 };
  const p = { platform: 'dream-machine-web', usage: [{ request: q, perMonth: 50 }] };
  const with_ = (b, x) => ({ ...b, ...x });
  return [
    null, [], with_(p, { extra: 1 }), with_(p, { platform: 'dream-machine' }), with_(p, { platform: 'dream-machine-ios' }), with_(p, { platform: 'luma-agents' }),
    with_(p, { platform: undefined }), with_(p, { usage: undefined }), with_(p, { usage: {} }), with_(p, { usage: [] }),
    with_(p, { usage: [null] }), with_(p, { usage: [{ request: q }] }), with_(p, { usage: [{ request: q, perMonth: -1 }] }),
    with_(p, { usage: [{ request: q, perMonth: 1.5 }] }), with_(p, { usage: [{ request: q, perMonth: '3' }] }),
    with_(p, { usage: [{ request: q, perMonth: NaN }] }), with_(p, { usage: [{ request: q, perMonth: 2 ** 53 }] }),
    with_(p, { usage: [{ request: q, perMonth: 2 ** 53 - 1 }] }), with_(p, { usage: [{ request: q, perMonth: 3, x: 1 }] }),
    with_(p, { usage: [{ request: with_(q, { platform: 'dream-machine-ios' }), perMonth: 3 }] }),
    with_(p, { usage: [{ request: with_(q, { platform: 'luma-agents', model: 'veo-3' }), perMonth: 3 }] }),
    with_(p, { usage: [{ request: with_(q, { durationSeconds: 7 }), perMonth: 3 }] }),
    with_(p, { usage: [{ request: with_(q, { durationSeconds: 7 }), perMonth: 0 }] }),
    with_(p, { usage: [{ request: with_(q, { model: 'nope' }), perMonth: 3 }] }),
    with_(p, { billing: 'yearly' }), with_(p, { billing: 'Annual' }), with_(p, { billing: null }), with_(p, { needs: { commercialUse: 'yes' } }),
    with_(p, { needs: { watermark: false } }), with_(p, { needs: [] }), with_(p, { needs: null }), with_(p, { needs: {} }),
    // ties: annual lite+4 packs = plus, plus+13 packs = unlimited; monthly lite+5 packs = plus
    { platform: 'dream-machine-web', billing: 'annual', usage: [{ request: { platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5 }, perMonth: 389 }] },
    { platform: 'dream-machine-web', billing: 'annual', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 1600 }] },
    { platform: 'dream-machine-web', billing: 'annual', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 1575 }] },
    { platform: 'dream-machine-web', billing: 'annual', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 1600 }], needs: { commercialUse: true } },
    { platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 850 }] },
    { platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 562949953421311 }] },
    { platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 562949953421312 }] },
    { platform: 'dream-machine-web', billing: 'annual', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 562949953421311 }, { request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 0 }] },
    { platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'ray-2', resolution: '1080p', durationSeconds: 10, addons: [{ kind: 'modify' }] }, perMonth: 7 }, { request: { platform: 'dream-machine-web', model: 'photon', images: 6, addons: [{ kind: 'reframe' }] }, perMonth: 3 }], needs: { commercialUse: true, noWatermark: true } },
    { platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 200 }] },
    { platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 201 }] },
    { platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 625 }] },
    { platform: 'dream-machine-web', usage: [{ request: { platform: 'dream-machine-web', model: 'photon', images: 4 }, perMonth: 626 }] },
  ];
}

// ---- comparing the product with the oracle
const pickQuote = (q) => ({
  credits: q.credits, approximate: q.approximate, usdAtTopUpRate: q.usdAtTopUpRate,
  lines: q.lines.map((l) => ('billedSeconds' in l && l.billedSeconds !== undefined
    ? { item: l.item, credits: l.credits, billedSeconds: l.billedSeconds } : { item: l.item, credits: l.credits })),
});
const PLAN_KEYS = ['id', 'priceUsd', 'includedCredits', 'topUpPacks', 'topUpUsd', 'totalUsd', 'relaxed', 'eligible', 'fitsWithoutTopUps'];
const pickPlan = (f) => ({ monthlyCredits: f.monthlyCredits, recommended: f.recommended,
  plans: f.plans.map((p) => Object.fromEntries(PLAN_KEYS.map((k) => [k, p[k]]))) });

/** Runs the product function; returns its numeric essence, { error: code }, or { crash } for a non-coded throw. */
export function productEssence(fn, req, which) {
  let out;
  try { out = fn(req); } catch (e) { return e && typeof e.code === 'string' ? { error: e.code } : { crash: String(e) }; }
  return which === 'quote' ? pickQuote(out) : pickPlan(out);
}

/** Lists the differing paths between two essences (empty when they agree). */
export function diffs(a, b, path = '') {
  if (Object.is(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return [path];
    if (Array.isArray(a) && a.length !== b.length) return [`${path}.length`];
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diffs(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`));
  }
  return [path];
}

/** Debug-friendly JSON (NaN, Infinity, undefined visible). */
export const show = (x) => JSON.stringify(x, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v === undefined ? '<undefined>' : v));

// Lengths just under 1e-28 s, which a `Decimal` rounds up to 1e-28 s: the
// product once billed them (README rule 7 refuses them).
export function belowShortestLength() {
  return [9.5e-29, 9.9e-29, 9.44444444444445e-29].flatMap((d) => [
    { platform: 'dream-machine-ios', model: 'ray-2', resolution: '720p', durationSeconds: d },
    { platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 5, addons: [{ kind: 'extend', seconds: d }] },
  ]);
}
