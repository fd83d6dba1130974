// Types for credit-estimator.js, the <credit-estimator> element. Importing
// this file (`import './credit-estimator.js'`) also brings the element's tag
// and its `estimate` event into `querySelector` and `addEventListener`
// (declared in pkg/credit_estimator.d.ts, with every shape of the API).
import type { CreditEstimatorElement, Quote } from './pkg/credit_estimator.js';

export type { CreditEstimatorElement, EstimateDetail } from './pkg/credit_estimator.js';

/** The element's class, registered as `credit-estimator`. */
export declare class CreditEstimator extends HTMLElement implements CreditEstimatorElement {
  /** The current quote, or null while the selection cannot be priced; frozen (deeply). */
  readonly quote: Quote | null;
}
