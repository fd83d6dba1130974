// <credit-estimator>: Luma credit estimates on any page.
//
//   <script type="module" src="credit-estimator.js"></script>
//   <credit-estimator platform="dream-machine-web" model="ray-2-flash"
//                     resolution="720p" duration="5" addons="upscale:2160p"></credit-estimator>
//
// This file only defines the element and boots the WebAssembly module from
// ./pkg/ (relative to this file, once for every instance). The UI is built and
// updated from Rust (src/widget/) inside the element's open shadow root.
//
// Attributes (all optional, all may change later): platform, model,
// resolution, duration, images, addons ("upscale:2160p extend:9 reframe
// modify"), plan, locale, per-month, billing, needs, sync-url, tables-src,
// compact.
// Property `quote`: the current quote (what quote() returns) or null.
// Event `estimate` (bubbles, composed): detail { request, quote }.
// Where there is no DOM (a server rendering the page) it only exports the class.
const browser = typeof customElements == 'object';
let Widget;
let ready = false;
let boot;

const start = () => {
  // The wasm download starts now, alongside the glue module's, not after it.
  // Vite and webpack bundle the wasm only when they see this exact
  // `new URL('…', import.meta.url)`; in a classic-script bundle (esbuild's
  // default) import.meta is empty, and the script's place stands in.
  const url = import.meta.url
    ? new URL('./pkg/credit_estimator_bg.wasm', import.meta.url)
    : new URL('./pkg/credit_estimator_bg.wasm', document.currentScript?.src || document.baseURI);
  const wasm = fetch(url).catch((error) => {
    throw new Error(`${url} could not be fetched (${error.message}). From another origin it needs Access-Control-Allow-Origin, and the page's connect-src must allow it.`);
  });
  // A network failure is said in each widget (boot, below); until boot awaits
  // it, the page would see an uncaught rejection.
  wasm.catch(() => {});
  const glue = import('./pkg/credit_estimator.js');
  // A page's first Intl formatter costs 15-45 ms on a 2-core machine (the
  // locale data loads). The widget writes American English figures itself
  // (src/widget/fmt.rs, by the same test of the tag), so only a page whose
  // widgets will format in another language pays it, and pays it now, while
  // the glue and the wasm download, rather than in the first render.
  const localeOf = (el) => el.getAttribute('locale')?.trim() || navigator.language;
  const american = (tag) => /^en(-us)?$/i.test(tag);
  const elements = [...document.querySelectorAll('credit-estimator')];
  if (!(elements.length ? elements.map(localeOf) : [navigator.language]).every(american)) {
    new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(0);
    new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(0);
  }
  // Booted once for every instance, as soon as this file runs (the wasm is
  // already on its way).
  boot = glue
    .then((pkg) => {
      Widget = pkg.Widget;
      return pkg.default({ module_or_path: wasm });
    })
    .then(() => {
      ready = true;
    });
  // Defined once the module is ready, or has failed (to say so in place):
  // until then `credit-estimator:not(:defined)` matches, so a page can keep
  // the widget's room and nothing below it jumps when it appears.
  const define = () => {
    if (!customElements.get('credit-estimator')) {
      customElements.define('credit-estimator', CreditEstimator);
    }
  };
  boot.then(define, define);
};

export class CreditEstimator extends (browser ? HTMLElement : Object) {
  // The module's own list (the attributes the widget reads on mounting),
  // asked at definition, which waits for the module; none when it could not
  // load, as there is then no widget to tell.
  static get observedAttributes() {
    return ready ? Widget.observedAttributes().split(' ') : [];
  }

  #widget = null;

  connectedCallback() {
    // Once the module is ready (as it always is after the element is
    // defined), at once: a defined element has its shadow root.
    if (ready) this.#start();
    else boot.then(() => this.#start(), (error) => this.#fail(error));
  }

  #start() {
    if (!this.isConnected) return;
    try {
      // Held weakly (as the widget holds the element): a strong hold back
      // would keep a dropped element alive for ever.
      if (!this.#widget) {
        const self = new WeakRef(this);
        // Changes made together (one script turn) fire one `estimate`.
        let queued = false;
        this.#widget = new Widget(this, () => {
          if (queued) return;
          queued = true;
          queueMicrotask(() => {
            queued = false;
            self.deref()?.#estimate();
          });
        });
      }
      this.#widget.connected();
    } catch (error) {
      this.#fail(error);
    }
  }

  // Out past a move (a microtask): the widget parks its DOM, so a dropped
  // element can be collected; put back, it is as it was.
  disconnectedCallback() {
    queueMicrotask(() => this.isConnected || this.#widget?.disconnected());
  }

  // Also when the value is the one it had: the page sets the selection
  // again over what the visitor chose (and a tables-src is fetched again).
  attributeChangedCallback(name, _old, value) {
    this.#widget?.attributeChanged(name, value);
  }

  /** The current quote (the object `quote()` returns, frozen), or null. */
  get quote() {
    return this.#widget ? frozen(this.#widget.quote) : null;
  }

  // `estimate` after the change that caused it has finished (a microtask),
  // so a listener may change the element again. Every listener and reader
  // of `quote` shares the same objects: frozen, so none can change what the
  // others see.
  #estimate() {
    const detail = frozen({ request: this.#widget?.request ?? null, quote: this.quote });
    this.dispatchEvent(new CustomEvent('estimate', { bubbles: true, composed: true, detail }));
  }

  #fail(error) {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const message = String(error?.message ?? error);
    // Chromium's message names only 'unsafe-eval'.
    const csp = /content.security.polic/i.test(message) ? " The page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src (or default-src, if it has no script-src)." : '';
    root.textContent = `The credit estimator could not start: ${message}${csp}`;
  }
}

// Deeply frozen, in place.
function frozen(value) {
  if (value && typeof value == 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) frozen(value[key]);
  }
  return value;
}

if (browser) start();
