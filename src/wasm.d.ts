
/** Where a generation is made. Ids come from the tables; these are the built-in ones. */
export type PlatformId = "dream-machine-web" | "dream-machine-ios" | "luma-agents" | (string & {});
/** A generation model. Ids are exact and lower case. */
export type ModelId =
  | "photon" | "ray-1.6" | "ray-2" | "ray-2-flash"
  | "ray-3.14" | "veo-3" | "veo-3.1" | "kling-3.0" | "kling-2.6"
  | (string & {});
export type ResolutionId = "540p" | "720p" | "1080p" | "2160p" | (string & {});
/** A plan. Ids come from the tables; these are the built-in ones (Dream
 * Machine: free, lite, plus, unlimited, enterprise; Luma Agents: plus, pro,
 * ultra). */
export type PlanId = "free" | "lite" | "plus" | "unlimited" | "enterprise" | "pro" | "ultra" | (string & {});

/** An add-on applied to the generated clip (each kind at most once). */
export type AddonRequest =
  | { kind: "upscale"; to: ResolutionId }
  | { kind: "reframe" }
  | { kind: "modify" }
  | { kind: "extend"; seconds: number };

/**
 * What to price. Video needs `resolution` and `durationSeconds`; images need
 * `images`. An optional field given as `null` or `undefined` counts as left
 * out (as in JSON from a server); results never hold one. Arrays may be
 * readonly (`as const`): nothing is written to what you pass.
 */
export interface QuoteRequest {
  platform: PlatformId;
  model: ModelId;
  resolution?: ResolutionId | null | undefined;
  durationSeconds?: number | null | undefined;
  images?: number | null | undefined;
  addons?: readonly AddonRequest[] | null | undefined;
}

export type LineItem = "video" | "images" | "extend" | "upscale" | "reframe" | "modify";

export interface QuoteLine {
  item: LineItem;
  /** The line with its arithmetic. */
  label: string;
  credits: number;
  /** Seconds billed: a fixed clip's own length, or a length rounded up to
   * the billing step. */
  billedSeconds?: number;
}

/** Which tables a result was priced from. */
export interface EditionStamp {
  name: string;
  /** YYYY-MM-DD */
  effective: string;
}

export interface Quote {
  /** Whole credits; the lines sum to it. */
  credits: number;
  /** True when a figure is published as "approximately" (modify). */
  approximate: boolean;
  /** Dollars at the top-up rate, exact, 4 places, e.g. "0.2500". */
  usdAtTopUpRate: string;
  lines: QuoteLine[];
  /** The arithmetic a person would question, explained. */
  notes: string[];
  edition: EditionStamp;
}

export type ErrorCode =
  | "invalid_request" | "unknown_platform" | "unknown_model" | "unsupported_resolution"
  | "unsupported_duration" | "invalid_addon" | "unpriced" | "invalid_wallet"
  | "platform_mismatch" | "invalid_tables";

/** What every function throws: a real Error with a stable `code`. */
export interface EstimatorError extends Error {
  name: "EstimatorError";
  code: ErrorCode;
}

/** A failed item of `quoteMany`. */
export interface EstimatorFailure {
  error: { code: ErrorCode; message: string };
}

export interface Catalog {
  edition: { name: string; effective: string; sources: { title: string; url: string | null }[] };
  products: { id: string; name: string; openToPurchases: boolean; status: string }[];
  platforms: CatalogPlatform[];
  /** Lowest first. */
  resolutions: ResolutionId[];
  addonKinds: AddonRequest["kind"][];
  billingStepSeconds: number;
  topUp: { credits: number; priceUsd: string; validMonths: number };
}

export interface CatalogPlatform {
  id: PlatformId;
  name: string;
  product: string;
  /** "clips": only the listed lengths exist; "perSecond": any length, billed in steps. */
  videoBilling: "clips" | "perSecond" | "unpublished";
  models: CatalogModel[];
}

export interface CatalogModel {
  id: ModelId;
  name: string;
  output: "image" | "video" | null;
  /** False when no cost is published for this model here. */
  priced: boolean;
  /** Why it is unpriced. */
  note: string | null;
  images: { creditsPerImage: number; imagesPerBatch: number } | null;
  /** Video: each priced resolution, lowest first. */
  resolutions: CatalogResolution[];
  /** Images: the add-ons that apply. */
  addons: CatalogAddon[];
}

export interface CatalogResolution {
  id: ResolutionId;
  /** Fixed clips: the lengths that exist, shortest first. Empty when billed per second. */
  clips: { seconds: number; credits: number }[];
  creditsPerSecond: number | null;
  addons: CatalogAddon[];
}

export interface CatalogAddon {
  kind: AddonRequest["kind"];
  /** Upscale: the priced targets, lowest first. */
  to?: ResolutionId[];
  approximate: boolean;
}

export interface PlanFitRequest {
  platform: PlatformId;
  usage: readonly { request: QuoteRequest; perMonth: number }[];
  billing?: "monthly" | "annual" | null | undefined;
  needs?: { commercialUse?: boolean | null | undefined; noWatermark?: boolean | null | undefined } | null | undefined;
}

export interface PlanFit {
  monthlyCredits: number;
  recommended: PlanId | null;
  billing: "monthly" | "annual";
  plans: PlanOption[];
  notices: string[];
  edition: EditionStamp;
}

/** One plan priced for the month; null marks a figure that is not published. */
export interface PlanOption {
  id: PlanId;
  name: string;
  priceUsd: string | null;
  includedCredits: number | null;
  topUpPacks: number | null;
  topUpUsd: string | null;
  totalUsd: string | null;
  /** True when part of the month runs in the slower relaxed queue. */
  relaxed: boolean;
  /** True when the plan has relaxed mode at all (Unlimited, Enterprise). */
  relaxedMode: boolean;
  eligible: boolean;
  fitsWithoutTopUps: boolean | null;
  reasons: string[];
}

export interface Wallet {
  /** The product the credits belong to. */
  platform: "dream-machine" | "luma-agents" | (string & {});
  plan: PlanId;
  subscription: "active" | "paused" | "cancelled";
  /** YYYY-MM-DD */
  today: string;
  monthly: number;
  gifted?: number | null | undefined;
  /** Dream Machine only. */
  topUps?: readonly { credits: number; purchased: string }[] | null | undefined;
  /** Luma Agents only: credits the opt-in spending limit still allows. */
  spendingLimit?: number | null | undefined;
}

/** A quote() request, or a cost the caller already knows. */
export type CheckRequest =
  | QuoteRequest
  | {
      credits: number;
      platform?: PlatformId | null | undefined;
      /** A known cost takes no generation fields (`invalid_request`). */
      model?: null | undefined; resolution?: null | undefined; durationSeconds?: null | undefined;
      images?: null | undefined; addons?: null | undefined;
    };

/** Credits taken from one pool; `pool` tells the two shapes apart. */
export type Draw =
  | {
      pool: "monthly" | "gifted" | "spendingLimit";
      credits: number;
      topUpIndex?: undefined; purchased?: undefined; expires?: undefined;
    }
  | {
      pool: "topUp";
      credits: number;
      /** The index of the top-up in `wallet.topUps` as given (the oldest is
       * drawn first, whatever the order given). */
      topUpIndex: number;
      /** The purchase date. */
      purchased: string;
      /** The day it stops counting, YYYY-MM-DD: `validMonths` after the
       * purchase (12 in the built-in tables, so its first anniversary); it
       * counts through the day before. */
      expires: string;
    };

/** The answer of `check()`; `verdict` tells the shapes apart: only
 * `insufficient` has `topUpPacks` (the 1,200-credit packs the shortfall
 * comes to, whether or not packs could help: the remedies say). */
export type CheckResult =
  | (CheckResultFields & { verdict: "ok" | "relaxed" | "paused"; topUpPacks?: undefined })
  | (CheckResultFields & { verdict: "insufficient"; topUpPacks: number });

/** The fields every `check()` answer has. */
export interface CheckResultFields {
  cost: number;
  /** True when the cost is approximate (modify), as the quote says: the
   * generation may take more or fewer credits, so the verdict holds for
   * this figure. False for a known cost (`{ credits }`). */
  approximate: boolean;
  /** The credits the wallet can spend now: monthly, gifted and the top-ups
   * that count (not hidden top-ups, nor the spending limit). */
  available: number;
  draws: Draw[];
  shortfall: number;
  remedies: string[];
  reasons: string[];
  hiddenTopUpCredits?: number;
  edition: EditionStamp;
}

/** The answer of `checkMany()`: generations made one after another from one
 * wallet. Each is checked against the wallet as the ones before it left it:
 * an `ok` one takes its draws, any other takes nothing. */
export interface StoryboardCheck {
  /** `ok` when every generation is; otherwise the verdict of the first that
   * cannot be made (`insufficient` or `paused`), if any; otherwise `relaxed`. */
  verdict: "ok" | "relaxed" | "insufficient" | "paused";
  /** The generations' costs added up. */
  cost: number;
  /** True when any of those costs is approximate (modify). */
  approximate: boolean;
  /** What the `ok` generations take from the wallet, added up. */
  drawn: number;
  /** The index in `requests` of the first generation that cannot be made. */
  firstShort: number | null;
  /** Each generation's `check()`, in order. */
  results: CheckResult[];
  /** The wallet once the `ok` generations have taken their draws (the
   * fields given, with the credits left). */
  walletAfter: Wallet;
}

export interface EstimatorOptions {
  /** Tables in the schema of `pricing/` (the object `defaultTables()` returns).
   * Required: options without them throw `invalid_tables`; `new Estimator()`
   * uses the built-in tables. */
  tables: Tables;
}

export interface Source { article: string; section: string }
export interface PlanRow {
  id: string; name: string; paid: boolean;
  monthlyUsd: string | null; annualMonthlyUsd: string | null; annualTotalUsd: string | null;
  credits: number | null; creditsNote: string | null; imagesOnly: boolean;
  commercialUse: boolean | null; watermark: boolean | null; relaxedMode: boolean;
}

/** The pricing tables: one key per file of `pricing/`. Money is dollars as a decimal string with at most 2 places (`"9.99"`). */
export interface Tables {
  edition: { name: string; effective: string; sources: { title: string; url: string | null; note: string | null }[] };
  catalog: {
    source: Source;
    products: { id: string; name: string; openToPurchases: boolean; extraCredits: "topUps" | "spendingLimit"; status: string }[];
    platforms: { id: string; name: string; product: string }[];
    models: { id: string; name: string; product: string; output: "image" | "video" | null }[];
    resolutions: { id: string; lines: number }[];
    unpublished: { lumaAgentsCosts: string };
  };
  images: { source: Source; rates: { model: string; platforms: string[]; creditsPerImage: number; imagesPerBatch: number }[] };
  videoWeb: { source: Source; platform: string; clips: { model: string; resolution: string; seconds: number; credits: number }[] };
  videoIos: { source: Source; platform: string; rates: { model: string; resolution: string; creditsPerSecond: number }[] };
  addons: {
    billing: { source: Source; stepSeconds: number; quote: string };
    modify: { source: Source; approximate: boolean; quote: string; clips: { clipSeconds: number; credits: number }[] };
    reframe: { source: Source; images: { model: string; creditsPerImage: number }[]; videos: { model: string; creditsPerSecond: number }[] };
    upscale: { source: Source; rates: { from: string; to: string; clipSeconds: number; credits: number }[] };
  };
  plans: {
    topUp: { source: Source; credits: number; priceUsd: string; validMonths: number };
    dreamMachineWeb: { source: Source; platform: string; plans: PlanRow[] };
    lumaAgents: { source: Source; platform: string; plans: PlanRow[] };
  };
}

/**
 * The `<credit-estimator>` element, defined by importing
 * `credit-estimator.js`.
 */
export interface CreditEstimatorElement extends HTMLElement {
  /**
   * The current quote, or null while the selection cannot be priced. Frozen
   * (deeply), as it is shared with every `estimate` listener: copy it to
   * change it.
   */
  readonly quote: Quote | null;
}

/** The `detail` of the element's `estimate` event, frozen (deeply). */
export interface EstimateDetail {
  /**
   * What the widget passed to `quote()`; null when a value could not be used
   * as given (a duration that is not a number, an unknown add-on).
   */
  readonly request: QuoteRequest | null;
  /** Its result, or null while the selection cannot be priced. */
  readonly quote: Quote | null;
}

declare global {
  interface HTMLElementTagNameMap {
    "credit-estimator": CreditEstimatorElement;
  }
  // The event bubbles and is composed, so a page may listen on the element,
  // an ancestor, `document` or `window`: every one of their event maps
  // extends this one.
  interface GlobalEventHandlersEventMap {
    /** Fired (bubbling, composed) by `<credit-estimator>`. */
    estimate: CustomEvent<EstimateDetail>;
  }
}
