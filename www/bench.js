// Timings for `npm run bench` (scripts/bench.mjs), on www/bench.html.
//   window.benchFirstEstimate: ms from the first byte of credit-estimator.js to
//     the first `estimate` event (download of the glue and the wasm, compile,
//     instantiate, first render).
//   window.benchUpdates(n): ms from each of n input events on the Duration
//     field to the total (role=status) showing the new figure; the widget
//     renders synchronously in its input handler.
document.addEventListener('estimate', () => {
  if (window.benchFirstEstimate !== undefined) return;
  const now = performance.now();
  const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/credit-estimator.js'));
  window.benchFirstEstimate = entry ? now - entry.responseStart : NaN;
  // scripts/bench.mjs waits for this line: waiting by polling the page would
  // run Playwright's injected scripts inside the interval being measured.
  console.log(`bench:first-estimate ${window.benchFirstEstimate}`);
});

window.benchUpdates = (n) => {
  const root = document.querySelector('credit-estimator').shadowRoot;
  const status = root.querySelector('[role=status]');
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent.includes('Duration'));
  const input = label.control ?? root.getElementById(label.htmlFor);
  const times = [];
  for (let i = 0; i < n; i++) {
    // 10, 15, ... 200, 5, 10 s: each step bills differently from the one before.
    input.value = String(5 * (1 + ((i + 1) % 40)));
    const before = status.textContent;
    const start = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const after = status.textContent;
    times.push(performance.now() - start);
    if (after === before) throw new Error(`the total did not change at step ${i}`);
  }
  return times;
};

await import('./credit-estimator.js');
