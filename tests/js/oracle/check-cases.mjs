// Seeded generator of wallets and requests, and a comparison of oracleCheck() with the product's check().
// Run: node compare.mjs [seed] [cases]
import { oracleCheck, useQuote, essence, canon, PLANS, parseDate, addMonths } from './check.mjs';

export function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Day arithmetic for the GENERATOR only (the oracle does its own calendar by hand).
const toDay = (s) => { const { y, m, d } = parseDate(s); return Date.UTC(y, m - 1, d) / 86400000; };
const fromDay = (n) => new Date(n * 86400000).toISOString().slice(0, 10);
const plusDays = (s, k) => fromDay(toDay(s) + k);
const monthsBack = (s, n) => { const x = addMonths(parseDate(s), -n); return `${x.y}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`; };

const TODAYS = ['2024-02-29', '2024-02-28', '2024-03-01', '2025-02-28', '2025-03-01', '2025-02-27', '2026-01-31',
  '2026-02-28', '2026-03-01', '2026-11-20', '2026-11-21', '2026-11-22', '2025-12-31', '2026-12-31', '2027-01-01',
  '2028-02-29', '2026-04-30', '2026-05-31', '2026-06-30', '2025-11-21', '2026-05-22', '2025-01-31', '2025-03-31'];
const ALLOWANCE = { lite: 3200, plus: 10000, unlimited: 10000 };

export function makeCase(rand) {
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const chance = (p) => rand() < p;

  const product = chance(0.72) ? 'dream-machine' : 'luma-agents';
  const plan = pick(PLANS[product]);
  const subscription = pick(['active', 'active', 'paused', 'cancelled']);
  const today = chance(0.75) ? pick(TODAYS) : fromDay(toDay('2024-01-01') + int(0, 1400));
  const wallet = { platform: product, plan, subscription, today };

  // monthly: around the plan's allowance, or small
  const allowance = ALLOWANCE[plan] ?? 5000;
  wallet.monthly = pick([0, 0, int(1, 200), int(1, 3000), allowance - 1, allowance, allowance + 1, int(0, 20000)]);
  const g = pick(['absent', 'null', 0, 'small', 'big']);
  if (g === 'null') wallet.gifted = null;
  else if (g === 0) wallet.gifted = 0;
  else if (g === 'small') wallet.gifted = int(1, 100);
  else if (g === 'big') wallet.gifted = int(100, 5000);

  if (product === 'dream-machine') {
    const n = pick([0, 0, 1, 1, 2, 3, 4]);
    if (n > 0 || chance(0.3)) {
      wallet.topUps = [];
      for (let i = 0; i < n; i++) {
        const anniversary = monthsBack(today, 12);
        const purchased = pick([
          anniversary, plusDays(anniversary, -1), plusDays(anniversary, 1), plusDays(anniversary, int(-3, 3)),
          plusDays(today, -int(0, 700)), plusDays(today, -int(0, 60)), today, plusDays(monthsBack(today, 11), int(-2, 2)),
          chance(0.2) ? plusDays(today, int(1, 30)) : plusDays(today, -int(300, 400)),
          pick(['2024-02-29', '2025-02-28', '2025-01-31', '2025-11-21', '2025-11-20', '2025-11-22', '2025-03-01']),
        ]);
        wallet.topUps.push({ credits: pick([1200, 1200, 2400, int(1, 3000), int(1, 50), chance(0.3) ? 0 : 1200]), purchased });
      }
    }
  } else {
    const s = pick(['absent', 'null', 0, 'small', 'big', 'tune', 'tune']);
    if (s === 'null') wallet.spendingLimit = null;
    else if (s === 0) wallet.spendingLimit = 0;
    else if (s === 'small') wallet.spendingLimit = int(1, 100);
    else if (s === 'big') wallet.spendingLimit = int(100, 20000);
    else if (s === 'tune') wallet.spendingLimit = int(0, 500);
    if (chance(0.1)) wallet.topUps = [];
  }

  // request
  const webVideo = () => {
    const m = pick(['ray-2', 'ray-2', 'ray-2-flash', 'ray-1.6']);
    const r = { platform: 'dream-machine-web', model: m, resolution: m === 'ray-1.6' ? '720p' : pick(['720p', '1080p']),
      durationSeconds: m === 'ray-1.6' ? 5 : pick([5, 10]) };
    addons(r);
    return r;
  };
  const iosVideo = () => {
    const m = pick(['ray-2', 'ray-1.6']);
    const r = { platform: 'dream-machine-ios', model: m, durationSeconds: int(1, 12) };
    if (m === 'ray-2') r.resolution = pick(['540p', '720p']);
    if (chance(0.3)) addons(r);
    return r;
  };
  function addons(r) {
    const a = [];
    if (chance(0.3)) a.push({ kind: 'modify' });
    if (chance(0.2)) a.push({ kind: 'upscale', to: pick(['1080p', '2160p']) });
    if (chance(0.15)) a.push({ kind: 'extend', seconds: int(1, 10) });
    if (chance(0.1) && r.model !== 'ray-1.6') a.push({ kind: 'reframe' });
    if (a.length) r.addons = a;
  }
  const photon = () => {
    const r = { platform: pick(['dream-machine-web', 'dream-machine-ios']), model: 'photon', images: int(1, 12) };
    if (chance(0.2)) r.addons = [{ kind: 'reframe' }];
    return r;
  };
  const laGen = () => ({ platform: 'luma-agents', model: pick(['ray-3.14', 'veo-3', 'veo-3.1', 'kling-3.0', 'kling-2.6']),
    resolution: '1080p', durationSeconds: 5 });
  const known = () => {
    const r = { credits: pick([1, 16, 75, 160, int(1, 400), int(1, 30000)]) };
    const p = pick(['none', 'none', 'own', 'own', 'other', 'null']);
    if (p === 'own') r.platform = product === 'dream-machine' ? pick(['dream-machine-web', 'dream-machine-ios']) : 'luma-agents';
    else if (p === 'other') r.platform = product === 'dream-machine' ? 'luma-agents' : pick(['dream-machine-web', 'dream-machine-ios']);
    else if (p === 'null') r.platform = null;
    return r;
  };
  const kind = pick(['known', 'known', 'known', 'web', 'web', 'ios', 'photon', 'photon', 'la']);
  let request = { known, web: webVideo, ios: iosVideo, photon, la: laGen }[kind]();

  // Tune the balance so that the cost is just below / at / just above what can be paid.
  if (chance(0.6)) {
    const o = oracleCheck(wallet, request);
    if (!o.error) {
      const delta = pick([-1, 0, 1, int(-20, 20)]);
      if (product === 'luma-agents' && wallet.spendingLimit > 0 && chance(0.7) && o.available < o.cost) {
        wallet.spendingLimit = Math.max(0, o.cost - o.available + delta);
      } else if (product === 'luma-agents' && !('spendingLimit' in wallet) && kind === 'known' && chance(0.5)) {
        wallet.spendingLimit = int(0, 50);
        const need = o.cost - o.available + delta - wallet.spendingLimit;
        if (wallet.monthly + need >= 0) wallet.monthly += need;
      } else if ('credits' in request && chance(0.5)) {
        request.credits = Math.max(1, o.available + delta);
      } else {
        const need = o.cost + delta - o.available;
        if (wallet.monthly + need >= 0) wallet.monthly += need;
        else if (wallet.gifted && wallet.gifted + wallet.monthly + need >= 0) {
          const g2 = wallet.gifted + wallet.monthly + need; wallet.monthly = 0; wallet.gifted = g2;
        }
      }
    }
  }

  // Malformed wallets and requests.
  if (chance(0.12)) {
    const m = pick(WALLET_FAULTS);
    m(wallet, { pick, int });
  }
  if (chance(0.08)) {
    const m = pick(REQUEST_FAULTS);
    const r = m(request, wallet, { pick, int });
    if (r !== undefined) request = r;
  }
  return { wallet, request };
}

const WALLET_FAULTS = [
  (w) => { w.monthly = -1; },
  (w) => { w.monthly = 1.5; },
  (w) => { w.monthly = '5'; },
  (w) => { w.monthly = NaN; },
  (w) => { w.monthly = Infinity; },
  (w) => { w.monthly = 2 ** 53; },
  (w) => { delete w.monthly; },
  (w) => { w.monthly = null; },
  (w) => { w.gifted = -3; },
  (w) => { w.gifted = '10'; },
  (w) => { w.today = '2026-02-30'; },
  (w) => { w.today = '2025-02-29'; },
  (w) => { w.today = '2026-2-3'; },
  (w) => { w.today = '2026-13-01'; },
  (w) => { w.today = 20261121; },
  (w) => { w.today = '2026-11-21T00:00:00Z'; },
  (w) => { delete w.today; },
  (w) => { w.id = 7; },
  (w) => { w.colour = 'red'; },
  (w) => { w.platform = 'dream-machine-web'; },
  (w) => { w.platform = 'api'; },
  (w) => { w.platform = 'constructor'; },
  (w) => { w.plan = 'toString'; },
  (w) => { w.platform = w.platform === 'dream-machine' ? 'luma-agents' : 'dream-machine'; }, // plan may no longer fit
  (w) => { w.plan = 'pro'; },
  (w) => { w.plan = 'Plus'; },
  (w) => { w.plan = 'free'; },
  (w) => { w.subscription = 'trial'; },
  (w) => { w.subscription = 'Active'; },
  (w) => { w.topUps = { credits: 1200, purchased: '2026-01-01' }; },
  (w) => { w.topUps = [null]; },
  (w) => { w.topUps = [{ credits: -5, purchased: '2026-01-01' }]; },
  (w) => { w.topUps = [{ credits: 1200, purchased: '2025-02-29' }]; },
  (w) => { w.topUps = [{ credits: 1200, purchased: '2026-02-30' }]; },
  (w) => { w.topUps = [{ credits: 1200, purchased: '2026-01-01', id: 1 }]; },
  (w) => { w.topUps = [{ credits: 1200 }]; },
  (w) => { w.topUps = [{ credits: 12.5, purchased: '2026-01-01' }]; },
  (w) => { w.topUps = [{ credits: 1200, purchased: '2026-01-01' }]; }, // fault on Luma Agents only
  (w) => { w.spendingLimit = 100; }, // fault on Dream Machine only
  (w) => { w.spendingLimit = 0; },
  (w) => { w.spendingLimit = -1; },
  (w) => { w.monthly = Number.MAX_SAFE_INTEGER; w.gifted = 1; },
  (w) => { w.monthly = Number.MAX_SAFE_INTEGER - 5; w.gifted = 5; },
  (w) => { w.monthly = 1; w.topUps = [{ credits: Number.MAX_SAFE_INTEGER, purchased: w.today }]; },
  (w) => { w.monthly = 1; w.topUps = [{ credits: Number.MAX_SAFE_INTEGER, purchased: '2001-01-01' }]; },
  (w) => { w.spendingLimit = Number.MAX_SAFE_INTEGER; },
  (w) => { w.today = '9999-12-31'; w.topUps = [{ credits: 5, purchased: '9999-01-01' }]; },
  (w) => { w.today = '9999-12-31'; w.topUps = [{ credits: 5, purchased: '9998-12-31' }]; },
  (w) => { w.today = '0000-02-29'; },
  (w) => { w.today = '2100-02-29'; },
  (w) => { w.today = '2000-02-29'; w.topUps = [{ credits: 5, purchased: '1999-03-01' }, { credits: 7, purchased: '1999-02-28' }]; },
  (w) => { w.topUps = [{ credits: 5, purchased: '1900-02-29' }]; },
  (w) => { if (w.topUps && w.topUps.length) w.topUps.push({ ...w.topUps[0] }); }, // a tie on the purchase date
  (w) => { if (w.topUps) w.topUps.reverse(); },
];
const REQUEST_FAULTS = [
  () => ({ credits: 0 }),
  () => ({ credits: -1 }),
  () => ({ credits: 1.5 }),
  () => ({ credits: '5' }),
  () => ({ credits: 2 ** 53 }),
  () => ({ credits: 10, model: 'photon' }),
  () => ({ credits: 10, id: 1 }),
  () => ({ credits: 10, platform: 'web' }),
  () => ({ credits: 10, platform: 7 }),
  () => null,
  () => [],
  (r) => ({ ...r, colour: 'red' }),
  () => ({ platform: 'dream-machine-web', model: 'ray-2', resolution: '540p', durationSeconds: 5 }),
  () => ({ platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 7 }),
  () => ({ platform: 'dream-machine-ios', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5 }),
  () => ({ platform: 'dream-machine-web', model: 'ray-1.6', resolution: '720p', durationSeconds: 5, addons: [{ kind: 'reframe' }] }),
  () => ({ platform: 'luma-agents', model: 'ray-2', resolution: '720p', durationSeconds: 5 }),
  () => ({ platform: 'dream-machine-web', model: 'veo-3', resolution: '720p', durationSeconds: 5 }),
  () => ({ platform: 'luma-agents', credits: 5, model: 'veo-3' }),
  () => ({ model: 'photon', images: 4 }),
  (r) => ('credits' in r ? { ...r, credits: null } : { ...r, credits: undefined }),
  (r) => ({ ...r, credits: null }),
  (r) => ({ ...r, model: null }),
  () => ({ credits: 10, platform: 'toString' }),
  () => ({ platform: 'dream-machine-web', model: 'photon', images: '4' }),
  () => ({ platform: 'luma-agents', model: 'veo-3', addons: [{ kind: 'extend', seconds: '5' }] }),
  () => ({ platform: 'dream-machine-web', model: 'photon', images: 4, addons: [{ kind: 'reframe', x: 1 }] }),
  () => ({ platform: 'luma-agents', model: 'veo-3', images: 0 }),
  () => ({ credits: 0, platform: 'luma-agents' }),
  () => ({ credits: 0, platform: 'dream-machine-web' }),
  () => ({ credits: NaN }),
];

export function* cases(seed, n) {
  const rand = mulberry32(seed);
  for (let i = 0; i < n; i++) yield { i, ...makeCase(rand) };
}

// Describe a disagreement by a coarse kind (to group them).
export function kindOf(wallet, request, o, p) {
  const tag = (x) => (x.error ? `error:${x.error}` : x.verdict);
  const diffs = [];
  if (tag(o) !== tag(p)) diffs.push(`${tag(o)}≠${tag(p)}`);
  else if (!o.error) {
    for (const k of ['cost', 'approximate', 'available', 'shortfall', 'topUpPacks', 'hiddenTopUpCredits', 'extraKeys']) {
      if (JSON.stringify(o[k]) !== JSON.stringify(p[k])) diffs.push(k);
    }
    if (JSON.stringify(canon(o.draws)) !== JSON.stringify(canon(p.draws))) diffs.push('draws');
  }
  const a1 = nullCredits(request) ? '[request.credits null/undefined] ' : '';
  return `${a1}${wallet && wallet.platform}/${diffs.join(',')} [oracle ${tag(o)} / product ${tag(p)}]`;
}

// What a valid case exercised (to show the generator reaches the edges).
function features(wallet, request, o) {
  const f = [];
  if (o.error) return f;
  const tops = o.draws.filter((d) => d.pool === 'topUp');
  if (tops.length) f.push('topUp draw');
  if (tops.length > 1) f.push('several topUp draws');
  if (tops.some((d, i) => i > 0 && d.topUpIndex < tops[i - 1].topUpIndex)) f.push('topUps drawn out of given order');
  if (o.draws.length >= 3) f.push('3+ pools in one draw');
  if (o.hiddenTopUpCredits) f.push('hidden top-ups');
  if (o.draws.some((d) => d.pool === 'spendingLimit')) f.push('spendingLimit draw');
  if (o.verdict === 'paused' && wallet.spendingLimit > 0) f.push('paused with a spending limit');
  if (o.verdict === 'relaxed') f.push('relaxed');
  if (o.approximate) f.push('approximate (modify)');
  if (wallet.plan === 'free' && o.verdict === 'insufficient' && o.shortfall === o.cost && o.available >= o.cost) f.push('Free video refused with credits');
  if ('credits' in request && request.credits !== null && request.credits !== undefined) f.push('{ credits }');
  if (o.cost === o.available) f.push('cost == available');
  if (o.cost === o.available + 1) f.push('cost == available + 1');
  const today = parseDate(wallet.today);
  for (const t of wallet.topUps ?? []) {
    const e = addMonths(parseDate(t.purchased), 12);
    const dd = (e.y - today.y) * 400 + (e.m - today.m) * 31 + (e.d - today.d);
    if (dd === 0) f.push('a top-up expires today');
    if (dd === 1) f.push('a top-up in its last day');
    if (parseDate(t.purchased).m === 2 && parseDate(t.purchased).d === 29) f.push('a top-up bought on Feb 29');
  }
  if (wallet.monthly > (ALLOWANCE[wallet.plan] ?? Infinity) && wallet.platform === 'dream-machine') f.push('monthly above allowance');
  return [...new Set(f)];
}

export function compareAll(pkg, seed, n) {
  useQuote(pkg.quote);
  const kinds = new Map();
  const verdicts = new Map();
  const coverage = new Map();
  let agree = 0, total = 0;
  for (const { i, wallet, request } of cases(seed, n)) {
    total++;
    const o = oracleCheck(wallet, request);
    const p = essence(() => pkg.check(wallet, request));
    const key = o.error ? `error:${o.error}` : `${wallet.platform}:${o.verdict}`;
    verdicts.set(key, (verdicts.get(key) ?? 0) + 1);
    for (const f of features(wallet, request, o)) coverage.set(f, (coverage.get(f) ?? 0) + 1);
    if (JSON.stringify(canon(o)) === JSON.stringify(canon(p))) { agree++; continue; }
    const k = kindOf(wallet, request, o, p);
    const size = JSON.stringify([wallet, request]).length;
    const prev = kinds.get(k);
    if (!prev) kinds.set(k, { count: 1, i, wallet, request, o, p, size });
    else { prev.count++; if (size < prev.size) Object.assign(prev, { i, wallet, request, o, p, size }); }
  }
  return { total, agree, kinds, verdicts, coverage };
}

// JSON that keeps what JSON.stringify drops or bends (undefined, NaN, Infinity).
export const show = (x) => JSON.stringify(x, (key, val) => (val === undefined ? '<undefined>'
  : typeof val === 'number' && !Number.isFinite(val) ? String(val) : val));

// Finding A1 (see report): check() takes a `credits` key set to null/undefined as a known cost.
export const nullCredits = (r) => r !== null && typeof r === 'object' && !Array.isArray(r)
  && Object.hasOwn(r, 'credits') && (r.credits === null || r.credits === undefined);

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const { pkg } = await import('../load.mjs');
  const seed = Number(process.argv[2] ?? 1);
  const n = Number(process.argv[3] ?? 20000);
  const t0 = Date.now();
  const { total, agree, kinds, verdicts, coverage } = compareAll(pkg, seed, n);
  console.log(`seed ${seed}: ${total} cases, ${agree} agree, ${total - agree} disagree (${Date.now() - t0} ms)`);
  console.log('oracle outcomes:', Object.fromEntries([...verdicts].sort()));
  console.log('coverage:', Object.fromEntries([...coverage].sort()));
  for (const [k, v] of [...kinds].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`\n== ${k}  x${v.count}  (case #${v.i})`);
    console.log('wallet ', show(v.wallet));
    console.log('request', show(v.request));
    console.log('oracle ', JSON.stringify(v.o));
    console.log('product', JSON.stringify(v.p));
  }
}
