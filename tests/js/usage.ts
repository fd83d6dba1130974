// Type-checked by types.test.mjs: a strict program using every export.
import { quote, catalog, planFit, check, checkMany, quoteMany, Estimator, defaultTables, isEstimatorError } from '../../pkg/credit_estimator.js';
import type { Quote, QuoteRequest, CheckResult, StoryboardCheck, Wallet, PlanFit, Catalog, EstimatorError, ErrorCode, Tables, EstimateDetail, PlanId } from '../../pkg/credit_estimator.js';

const request: QuoteRequest = { platform: 'dream-machine-web', model: 'ray-2-flash', resolution: '720p', durationSeconds: 5, addons: [{ kind: 'upscale', to: '2160p' }] };
const q: Quote = quote(request);
// JSON from a server writes a field left out as null.
quote({ platform: 'dream-machine-web', model: 'photon', images: 4, resolution: null, durationSeconds: null, addons: null });
const credits: number = q.credits;
const usd: string = q.usdAtTopUpRate;
const billed: number | undefined = q.lines[0].billedSeconds;
const c: Catalog = catalog();
const billing: 'clips' | 'perSecond' | 'unpublished' = c.platforms[0].videoBilling;
const fit: PlanFit = planFit({ platform: 'dream-machine-web', usage: [{ request, perMonth: 10 }], billing: 'annual', needs: { commercialUse: true } });
const total: string | null = fit.plans[0].totalUsd;
const r: CheckResult = check({ platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 5 }, { credits: 3 });
const verdict: 'ok' | 'relaxed' | 'insufficient' | 'paused' = r.verdict;
const spendable: number = r.available;
const roughly: boolean = r.approximate;
// The verdict and the pool narrow the result: packs come with a shortfall,
// and a top-up draw always names its top-up. Unnarrowed, they may be read.
if (r.verdict === 'insufficient') {
  const packs: number = r.topUpPacks;
  void packs;
}
const maybePacks: number | undefined = r.topUpPacks;
for (const d of r.draws) {
  const maybeIndex: number | undefined = d.topUpIndex;
  if (d.pool === 'topUp') {
    const index: number = d.topUpIndex;
    const until: string = d.expires;
    void [index, until];
  }
  void maybeIndex;
}
const best: PlanId | null = fit.recommended;
void [maybePacks, best];
const batch = quoteMany([request]);
const first = batch[0];
if ('error' in first) {
  const code: EstimatorError['code'] = first.error.code;
  void code;
}
const tables: Tables = defaultTables();
const e = new Estimator({ tables });
const again: Quote = e.quote(request);
void [credits, usd, billed, billing, total, verdict, spendable, roughly, again, new Estimator()];
// The element and its event, from the page's side.
const el = document.querySelector('credit-estimator');
const shown: number | undefined = el?.quote?.credits;
el?.addEventListener('estimate', (event) => {
  const detail: EstimateDetail = event.detail;
  const asked: QuoteRequest | null = detail.request;
  void asked;
});
void shown;
// A caught value narrows to the module's error by its guard.
try {
  quote(request);
} catch (error: unknown) {
  if (isEstimatorError(error)) {
    const code: ErrorCode = error.code;
    const message: string = error.message;
    void [code, message];
  }
}
// Readonly input (`as const`) is accepted: nothing is written to it.
const shots = [{ platform: 'dream-machine-web', model: 'ray-2', resolution: '720p', durationSeconds: 5, addons: [{ kind: 'upscale', to: '1080p' }] }] as const;
const priced: Array<Quote | { error: { code: ErrorCode } }> = quoteMany(shots);
quote(shots[0]);
planFit({ platform: 'dream-machine-web', usage: [{ request: shots[0], perMonth: 2 }] as const });
// `undefined` counts as left out, so it type-checks under exactOptionalPropertyTypes too.
check(
  { platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 5, gifted: undefined, topUps: [{ credits: 1200, purchased: '2026-11-01' }] as const },
  { credits: 3, platform: undefined, model: undefined, resolution: null },
);
quote({ platform: 'dream-machine-web', model: 'photon', images: 4, resolution: undefined });
planFit({ platform: 'dream-machine-web', usage: [], billing: undefined, needs: { commercialUse: undefined } });
void priced;
// A storyboard: its wallet afterwards is a wallet to check the next shots against.
const board: StoryboardCheck = checkMany({ platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 500 }, [request, { credits: 16 }] as const);
const after: Wallet = board.walletAfter;
const firstShort: number | null = board.firstShort;
const shotVerdict: CheckResult['verdict'] = board.results[0].verdict;
new Estimator().checkMany(after, shots);
void [firstShort, shotVerdict];
