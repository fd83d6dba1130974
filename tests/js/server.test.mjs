// The element module imported where there is no DOM, as a framework that
// renders pages on a server does with a page's imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('on a server, credit-estimator.js exports its class and loads nothing', async () => {
  assert.equal(typeof customElements, 'undefined', 'this test needs a runtime without a DOM');
  const requested = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (...args) => {
    requested.push(String(args[0]));
    return realFetch(...args);
  };
  let module;
  try {
    module = await import('../../www/credit-estimator.js');
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.equal(typeof module.CreditEstimator, 'function');
  assert.deepEqual(requested, [], 'nothing is fetched on a server');
  // An element made there is inert: no widget, so no quote.
  assert.equal(new module.CreditEstimator().quote, null);
  // A rejection left unhandled by the module would fail this file.
  await new Promise((resolve) => setTimeout(resolve, 100));
});
