// Type-checked by types.test.mjs: a page that loads only the element
// (www/credit-estimator.js, typed by www/credit-estimator.d.ts) and listens
// where the bubbling, composed event arrives.
import { CreditEstimator } from '../../www/credit-estimator.js';
import type { EstimateDetail } from '../../www/credit-estimator.js';

const el = document.querySelector('credit-estimator');
const credits: number | undefined = el?.quote?.credits;
document.addEventListener('estimate', (event) => {
  const detail: EstimateDetail = event.detail;
  void detail;
});
window.addEventListener('estimate', (event) => {
  const total: number | undefined = event.detail.quote?.credits;
  void total;
});
const made: boolean = document.createElement('credit-estimator') instanceof CreditEstimator;
void [credits, made];
