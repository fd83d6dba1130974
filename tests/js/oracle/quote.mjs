// Independent oracle for quote() and planFit(), written from the articles in
// ../shared/articles/ (beside the repository), the contracts (issues 2 and 3) and pricing/README.md only.
// Every figure below is transcribed by hand from the article sentence quoted next to it.
// Money and credits are BigInt; lengths are exact decimals (BigInt / 10^scale).

// ---------------------------------------------------------------- figures
const PLATFORMS = ['dream-machine-web', 'dream-machine-ios', 'luma-agents'];
const DM_MODELS = ['photon', 'ray-1.6', 'ray-2', 'ray-2-flash'];
const LA_MODELS = ['ray-3.14', 'veo-3', 'veo-3.1', 'kling-3.0', 'kling-2.6'];
const RESOLUTIONS = ['540p', '720p', '1080p', '2160p'];
const LINES = { '540p': 540, '720p': 720, '1080p': 1080, '2160p': 2160 };

// "Photon: 4 credits per image / Images are generated in batches of 4 → 16 credits per batch"
const PHOTON_PER_IMAGE = 4n, PHOTON_BATCH = 4n;

// "Video Generation – Web": seconds -> credits, per model and resolution
const WEB = {
  'ray-1.6': { '720p': { 5: 80n } },                       // "Ray1.6 720p: 5 seconds: 80 credits"
  'ray-2': { '720p': { 5: 160n, 10: 320n },                // "Ray2 720p: 5 seconds: 160 credits 10 seconds: 320 credits"
             '1080p': { 5: 170n, 10: 340n } },             // "Ray2 1080p: 5 seconds: 170 credits 10 seconds: 340 credits"
  'ray-2-flash': { '720p': { 5: 55n, 10: 110n },           // "Ray2 Flash 720p: 5 seconds: 55 credits 10 seconds: 110 credits"
                   '1080p': { 5: 65n, 10: 130n } },        // "Ray2 Flash 1080p: 5 seconds: 65 credits 10 seconds: 130 credits"
};
// "Video Generation – iOS": credits per second
const IOS = {
  'ray-1.6': { '720p': 16n },                              // "Ray1.6: 16 credits per second" (README rule 3: 720p)
  'ray-2': { '540p': 16n, '720p': 32n },                   // "Ray2 540p: 16 credits per second", "Ray2 720p: 32 credits per second"
};
// "Credit use rounds up—e.g., a 9-second Extend clip is billed as 10 seconds" -> 5 s steps (README rule 1)
const STEP = 5n;
// "Modify Video 5-second video: approximately 400 credits; 10-second video: approximately 800 credits"
const MODIFY_PER_STEP = 400n;
// "Reframe Image: 4 credits; Ray2 Flash: 11 credits per second; Ray2 (Standard): 32 credits per second"
const REFRAME_IMAGE = 4n;
const REFRAME_PER_SECOND = { 'ray-2-flash': 11n, 'ray-2': 32n };
// "Upscale 720p → 1080p (5s): 10 credits; 720p → 2160p (5s): 20 credits; 1080p → 2160p (5s): 10 credits"
const UPSCALE_PER_STEP = { '720p>1080p': 10n, '720p>2160p': 20n, '1080p>2160p': 10n };
// "Start at $4 for 1,200 credits" (cents)
const PACK_CREDITS = 1200n, PACK_CENTS = 400n;
// plan-prices.md table (cents; credits). Monthly / annual per month.
const PLANS = [
  { id: 'free', monthly: 0n, annual: 0n, credits: null, commercial: false, watermark: true, priced: false, relaxedMode: false },
  { id: 'lite', monthly: 999n, annual: 799n, credits: 3200n, commercial: false, watermark: true, priced: true, relaxedMode: false },
  { id: 'plus', monthly: 2999n, annual: 2399n, credits: 10000n, commercial: true, watermark: false, priced: true, relaxedMode: false },
  { id: 'unlimited', monthly: 9499n, annual: 7599n, credits: 10000n, commercial: true, watermark: false, priced: true, relaxedMode: true },
  { id: 'enterprise', monthly: null, annual: null, credits: null, commercial: true, watermark: false, priced: false, relaxedMode: true },
];
const MAX_COUNT = 2n ** 53n - 1n; // README rule 15

// ---------------------------------------------------------------- helpers
class OErr extends Error { constructor(code) { super(code); this.code = code; } }
const fail = (code) => { throw new OErr(code); };
const absent = (v) => v === undefined || v === null;
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map);
function onlyKeys(o, keys) { for (const k of Object.keys(o)) if (!keys.includes(k)) fail('invalid_request'); }

// A length: JS number read to 15 significant digits (README rule 7), as { n, s } = n / 10^s.
function length(x) {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) fail('invalid_request');
  if (x > 7.9e28) fail('invalid_request'); // beyond a 96-bit decimal: "is too large"
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(x.toPrecision(15));
  let digits = m[1] + (m[2] ?? ''), s = (m[2] ?? '').length - Number(m[3] ?? 0);
  let n = BigInt(digits);
  if (s < 0) { n *= 10n ** BigInt(-s); s = 0; }
  while (s > 0 && n % 10n === 0n) { n /= 10n; s--; }
  // README 7: "a length below 1e-28 s has no decimal value and is refused as not above 0"
  if (n * 10n ** 28n < 10n ** BigInt(s)) fail('invalid_request');
  // README 15 (counts stop at 2^53 - 1), applied when the length is read: its billed length must be a safe count
  if (steps({ n, s }) * STEP > MAX_COUNT) fail('invalid_request');
  return { n, s };
}
const addLen = (a, b) => {
  const s = Math.max(a.s, b.s);
  return { n: a.n * 10n ** BigInt(s - a.s) + b.n * 10n ** BigInt(s - b.s), s };
};
const eqInt = (a, k) => a.n === BigInt(k) * 10n ** BigInt(a.s);
// number of started 5 s steps
const steps = (a) => { const d = STEP * 10n ** BigInt(a.s); return (a.n + d - 1n) / d; };

function count(x) { // positive whole count
  if (typeof x !== 'number' || !Number.isInteger(x) || x <= 0 || x > Number.MAX_SAFE_INTEGER) fail('invalid_request');
  return BigInt(x);
}

function usd4(credits) { // credits * 4 / 1200 dollars, 4 places, half away from zero
  const num = credits * 4n * 10000n, den = 1200n;
  let q = num / den; const r = num % den;
  if (r * 2n >= den) q += 1n;
  const t = q.toString().padStart(5, '0');
  return t.slice(0, -4) + '.' + t.slice(-4);
}
const usd2 = (cents) => { const t = cents.toString().padStart(3, '0'); return t.slice(0, -2) + '.' + t.slice(-2); };

// ---------------------------------------------------------------- quote
function parseAddons(addons) {
  if (absent(addons)) return {};
  if (!Array.isArray(addons)) fail('invalid_request');
  const out = {};
  for (const given of addons) {
    if (!isObj(given) || typeof given.kind !== 'string') fail('invalid_request');
    const a = { ...given }; // never write into the caller's request
    switch (a.kind) {
      case 'upscale':
        onlyKeys(a, ['kind', 'to']);
        // the contract lists `to` as 1080p or 2160p, but README 9 makes a lower/same known resolution invalid_addon
        if (!RESOLUTIONS.includes(a.to)) fail('invalid_request');
        break;
      case 'extend':
        onlyKeys(a, ['kind', 'seconds']);
        if (absent(a.seconds)) fail('invalid_request');
        a.len = length(a.seconds);
        break;
      case 'reframe': case 'modify':
        onlyKeys(a, ['kind']);
        break;
      default: fail('invalid_request');
    }
    if (out[a.kind]) fail('invalid_request'); // each kind at most once
    out[a.kind] = a;
  }
  return out;
}

function quoteRaw(req) {
  if (!isObj(req)) fail('invalid_request');
  onlyKeys(req, ['platform', 'model', 'resolution', 'durationSeconds', 'images', 'addons']);
  if (typeof req.platform !== 'string') fail('invalid_request');
  if (typeof req.model !== 'string') fail('invalid_request');
  if (!absent(req.resolution) && typeof req.resolution !== 'string') fail('invalid_request');
  if (!absent(req.durationSeconds) && typeof req.durationSeconds !== 'number') fail('invalid_request');
  if (!absent(req.images) && typeof req.images !== 'number') fail('invalid_request');
  if (!PLATFORMS.includes(req.platform)) fail('unknown_platform');
  const agents = req.platform === 'luma-agents';
  if (!(agents ? LA_MODELS : DM_MODELS).includes(req.model)) fail('unknown_model');
  const addons = parseAddons(req.addons);
  // lengths and counts are read (and refused when malformed) before anything is priced
  const dur = absent(req.durationSeconds) ? null : length(req.durationSeconds);
  const nImages = absent(req.images) ? null : count(req.images);
  if (agents) fail('unpriced'); // rule 7 / README 13
  const lines = [];
  let approximate = false, running = 0n;
  lines.push = function (l) { // a line beyond 2^53 - 1 (or a running total beyond it) is refused as it is made
    running += l.credits;
    if (l.credits > MAX_COUNT || (l.billedSeconds ?? 0n) > MAX_COUNT || running > MAX_COUNT) fail('invalid_request');
    return Array.prototype.push.call(this, l);
  };

  if (req.model === 'photon') {
    if (!absent(req.resolution)) fail('unsupported_resolution'); // README 4
    if (!absent(req.durationSeconds)) fail('invalid_request');
    if (absent(req.images)) fail('invalid_request');
    const n = nImages;
    if (addons.extend || addons.upscale || addons.modify) fail('invalid_addon'); // checked before the images are priced
    const batches = (n + PHOTON_BATCH - 1n) / PHOTON_BATCH;
    lines.push({ item: 'images', credits: batches * PHOTON_BATCH * PHOTON_PER_IMAGE });
    if (addons.reframe) lines.push({ item: 'reframe', credits: n * REFRAME_IMAGE }); // README 6
  } else {
    if (!absent(req.images)) fail('invalid_request');
    if (absent(req.resolution) || absent(req.durationSeconds)) fail('invalid_request');
    const res = req.resolution;
    const ios = req.platform === 'dream-machine-ios';
    let perStep; // credits per started 5 s for extend
    if (ios) {
      if (!IOS[req.model]) fail('unpriced'); // Ray2 Flash has no iOS rate
      const rate = IOS[req.model][res];
      if (rate === undefined) fail('unsupported_resolution');
      perStep = rate * STEP;
      const st = steps(dur);
      lines.push({ item: 'video', credits: st * perStep, billedSeconds: st * STEP });
    } else {
      const clips = WEB[req.model][res];
      if (!clips) fail('unsupported_resolution');
      const secs = Object.keys(clips).find((k) => eqInt(dur, Number(k)));
      if (secs === undefined) fail('unsupported_duration');
      perStep = clips[5] * STEP / 5n; // the 5 s clip's price per 5 s (README 7)
      lines.push({ item: 'video', credits: clips[secs], billedSeconds: BigInt(secs) });
    }
    let clip = dur;
    if (addons.extend) {
      const st = steps(addons.extend.len);
      lines.push({ item: 'extend', credits: st * perStep, billedSeconds: st * STEP });
      clip = addLen(dur, addons.extend.len);
    }
    const cst = steps(clip);
    if (addons.upscale) {
      const to = addons.upscale.to;
      if (LINES[to] <= LINES[res]) fail('invalid_addon');
      const rate = UPSCALE_PER_STEP[`${res}>${to}`];
      if (rate === undefined) fail('unpriced');
      lines.push({ item: 'upscale', credits: cst * rate, billedSeconds: cst * STEP });
    }
    if (addons.reframe) {
      const rate = REFRAME_PER_SECOND[req.model];
      if (rate === undefined) fail('unpriced');
      lines.push({ item: 'reframe', credits: cst * STEP * rate, billedSeconds: cst * STEP });
    }
    if (addons.modify) {
      approximate = true;
      lines.push({ item: 'modify', credits: cst * MODIFY_PER_STEP, billedSeconds: cst * STEP });
    }
  }
  let total = 0n;
  for (const l of lines) { if (l.credits > MAX_COUNT || (l.billedSeconds ?? 0n) > MAX_COUNT) fail('invalid_request'); total += l.credits; }
  if (total > MAX_COUNT) fail('invalid_request');
  return { credits: total, approximate, lines };
}

const num = (b) => (b === null ? null : Number(b));

export function oracleQuote(req) {
  try {
    const q = quoteRaw(req);
    return {
      credits: Number(q.credits), approximate: q.approximate, usdAtTopUpRate: usd4(q.credits),
      lines: q.lines.map((l) => (l.billedSeconds === undefined
        ? { item: l.item, credits: Number(l.credits) }
        : { item: l.item, credits: Number(l.credits), billedSeconds: Number(l.billedSeconds) })),
    };
  } catch (e) { if (e instanceof OErr) return { error: e.code }; throw e; }
}

// ---------------------------------------------------------------- planFit
function planFitRaw(r) {
  if (!isObj(r)) fail('invalid_request');
  onlyKeys(r, ['platform', 'usage', 'billing', 'needs']);
  if (typeof r.platform !== 'string') fail('invalid_request');
  if (!Array.isArray(r.usage)) fail('invalid_request');
  for (const u of r.usage) {
    if (!isObj(u)) fail('invalid_request');
    onlyKeys(u, ['request', 'perMonth']);
    if (typeof u.perMonth !== 'number' || !Number.isInteger(u.perMonth) || u.perMonth < 0 || u.perMonth > Number.MAX_SAFE_INTEGER) fail('invalid_request');
    if (!isObj(u.request)) fail('invalid_request');
  }
  const billing = absent(r.billing) ? 'monthly' : r.billing;
  if (!['monthly', 'annual'].includes(billing)) fail('invalid_request');
  let needs = {};
  if (!absent(r.needs)) {
    if (!isObj(r.needs)) fail('invalid_request');
    onlyKeys(r.needs, ['commercialUse', 'noWatermark']);
    for (const k of ['commercialUse', 'noWatermark']) if (!absent(r.needs[k]) && typeof r.needs[k] !== 'boolean') fail('invalid_request');
    needs = r.needs;
  }
  if (!PLATFORMS.includes(r.platform)) fail('unknown_platform');
  if (r.platform !== 'dream-machine-web') fail('unpriced'); // issue 3 / README 16
  let monthly = 0n;
  for (const u of r.usage) {
    if (u.request.platform !== r.platform && PLATFORMS.includes(u.request.platform)) fail('platform_mismatch');
    const q = quoteRaw(u.request);
    monthly += q.credits * BigInt(u.perMonth);
    if (monthly > MAX_COUNT) fail('invalid_request'); // refused at the line that overflows
  }
  const plans = PLANS.map((p) => {
    const price = billing === 'annual' ? p.annual : p.monthly;
    const ruledOut = (needs.commercialUse && !p.commercial) || (needs.noWatermark && p.watermark);
    if (!p.priced) {
      return { id: p.id, priceUsd: price === null ? null : usd2(price), includedCredits: null, topUpPacks: null,
        topUpUsd: null, totalUsd: null, relaxed: false, eligible: false, fitsWithoutTopUps: null };
    }
    const over = monthly > p.credits ? monthly - p.credits : 0n;
    const packs = p.relaxedMode ? 0n : (over + PACK_CREDITS - 1n) / PACK_CREDITS;
    const total = price + packs * PACK_CENTS;
    return { id: p.id, priceUsd: usd2(price), includedCredits: Number(p.credits), topUpPacks: Number(packs),
      topUpUsd: usd2(packs * PACK_CENTS), totalUsd: usd2(total), _total: total,
      relaxed: p.relaxedMode && over > 0n, eligible: !ruledOut, fitsWithoutTopUps: p.relaxedMode || over === 0n };
  });
  // recommended: lowest total; tie -> more credits; -> relaxed mode; -> list order
  let best = null;
  for (const [i, p] of plans.entries()) {
    if (!p.eligible) continue;
    const P = PLANS[i];
    if (best === null) { best = [p, P]; continue; }
    const [b, B] = best;
    if (p._total < b._total || (p._total === b._total && (P.credits > B.credits ||
        (P.credits === B.credits && P.relaxedMode && !B.relaxedMode)))) best = [p, P];
  }
  for (const p of plans) delete p._total;
  return { monthlyCredits: Number(monthly), recommended: best ? best[0].id : null, plans };
}

export function oraclePlanFit(r) {
  try { return planFitRaw(r); } catch (e) { if (e instanceof OErr) return { error: e.code }; throw e; }
}
