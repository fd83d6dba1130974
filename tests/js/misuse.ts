// Type-checked by types.test.mjs: each line below must be a type error (10 in all).
import { quote, check, checkMany } from '../../pkg/credit_estimator.js';

quote({ platform: 'dream-machine-web', model: 'photon', images: '4' });
quote({ platform: 'dream-machine-web', model: 'ray-2', addons: [{ kind: 'upscale' }] });
const credits: string = quote({ platform: 'dream-machine-web', model: 'photon', images: 4 }).credits;
check({ platform: 'dream-machine', plan: 'plus', subscription: 'frozen', today: '2026-11-21', monthly: 5 }, { credits: 3 });
quote({ platform: 'dream-machine-web' });
const total: string | undefined = document.querySelector('credit-estimator')?.quote?.credits;
void [credits, total];
// The event is typed on document too.
document.addEventListener('estimate', (e) => { const n: string | undefined = e.detail.quote?.credits; void n; });
// A known cost with a generation's fields, which check() refuses.
check({ platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 5 }, { credits: 3, model: 'ray-2' });
// A storyboard is an array of requests, and its answer is not a check's.
checkMany({ platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 5 }, { credits: 3 });
const shot: 'ok' | undefined = checkMany({ platform: 'dream-machine', plan: 'plus', subscription: 'active', today: '2026-11-21', monthly: 5 }, []).draws;
