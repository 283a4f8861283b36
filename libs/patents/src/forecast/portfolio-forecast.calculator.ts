import { DomainError, LocalDate, Yen, allocate, fiscalYearRange } from '@app/kernel';
import {
  CurrencyTotals,
  ExchangeRateRecord,
  ExchangeRateTable,
  ExchangeRateUsed,
  FeeCurrency,
  FeeForecastFiling,
  FeeForecastOwner,
  FeeKind,
  ForecastWarning,
  JpoReductionCategory,
  OFFICE_CURRENCY,
  OFFICIAL_FEE_SCHEDULES,
  PatentOffice,
  UsptoEntitySize,
  YenForecastItem,
  convertForecastToYen,
  forecastFees,
  zeroTotals,
} from '../fees';
// The engine's sink interface, as the library's own totals calculator uses it: same rules, same
// conversion, no per-payment objects.
import { DateInt, fiscalYearOfInt, fromDateInt } from '../fees/fee-dates';
import { CURRENCIES, FeeSink, runFiling, startRun } from '../fees/fee-engine';
import { Charge, PreparedOwner, splitByWeights } from '../fees/office-fee.rules';
import { convertToYenOnDateInt } from '../fees/yen-conversion';

/*
 * Pure: registry facts in, fee forecasts out. The fees library decides what is due when; this
 * file maps registry filings to its inputs and groups its payments per filing and fiscal year.
 */

/** Statuses that cost fees: drafts are not at an office yet; lapsed, abandoned and expired are dead. */
export const FORECAST_FILING_STATUSES = ['filed', 'examination_requested', 'granted'] as const;
const FORECAST_STATUS_SET: ReadonlySet<string> = new Set(FORECAST_FILING_STATUSES);

export type OwnerKind = 'university' | 'research_agency' | 'company' | 'tlo';

export interface ForecastOwnerFacts {
  organisationId: string;
  organisationName: string;
  kind: OwnerKind;
  companySize: 'large' | 'sme' | 'startup' | null;
  shareBp: number;
}

/** One registry filing with its asset's owners in force, as the repository loads it. */
export interface RegistryFilingFacts {
  filingId: string;
  assetId: string;
  assetReference: string | null;
  assetTitle: string;
  pooled: boolean;
  jurisdiction: string;
  status: string;
  applicationDate: LocalDate | null;
  grantDate: LocalDate | null;
  claimsCount: number | null;
  entityStatus: 'standard' | 'small' | 'micro' | null;
  owners: ForecastOwnerFacts[];
}

const OFFICE_OF: Readonly<Record<string, PatentOffice>> = { JP: 'JPO', US: 'USPTO', EP: 'EPO' };
const ENTITY_OF: Readonly<Record<string, UsptoEntitySize>> = {
  standard: 'large',
  small: 'small',
  micro: 'micro',
};

/** The office whose fees the library knows for a jurisdiction, or null (PCT, CN, KR …). */
export function officeOf(jurisdiction: string): PatentOffice | null {
  return OFFICE_OF[jurisdiction] ?? null;
}

/**
 * JPO reduction (新減免制度) an owner is taken to qualify for, from its organisation record:
 * universities, research agencies and TLOs the academic discount, SMEs the SME one, start-ups
 * the small/start-up one, large companies none. An assumption to confirm case by case.
 */
export function forecastJpoReductionOf(
  owner: ForecastOwnerFacts,
): JpoReductionCategory | undefined {
  if (owner.kind !== 'company') return 'academic';
  if (owner.companySize === 'sme') return 'sme';
  if (owner.companySize === 'startup') return 'small_or_startup';
  return undefined;
}

export function isFundOwner(owner: ForecastOwnerFacts): boolean {
  return owner.kind !== 'company';
}

export interface NotForecast {
  filingId: string;
  assetId: string;
  jurisdiction: string;
  reason: string;
}

/** The fees library's owners of a registry owners list: shares, and the JPO reduction each is taken to have. */
export function feeOwnersOf(owners: readonly ForecastOwnerFacts[]): FeeForecastOwner[] {
  return owners.map((o) => {
    const jpoReduction = forecastJpoReductionOf(o);
    return jpoReduction
      ? { ownerId: o.organisationId, shareBp: o.shareBp, jpoReduction }
      : { ownerId: o.organisationId, shareBp: o.shareBp };
  });
}

type FeeOwnersOf = (owners: readonly ForecastOwnerFacts[]) => readonly FeeForecastOwner[];

/** `feeOwnersOf` once per owners list: the filings of an asset share their list (and the fee engine checks it once). */
function memoisedFeeOwners(): FeeOwnersOf {
  const memo = new Map<readonly ForecastOwnerFacts[], readonly FeeForecastOwner[]>();
  return (owners) => {
    let fee = memo.get(owners);
    if (fee === undefined) memo.set(owners, (fee = feeOwnersOf(owners)));
    return fee;
  };
}

/** Why a registry filing cannot be forecast, or its office when it can. */
function officeToForecast(f: RegistryFilingFacts): PatentOffice | { reason: string } {
  const office = officeOf(f.jurisdiction);
  if (!office)
    return {
      reason: `no official fee schedule is held for ${f.jurisdiction} (JP, US and EP only)`,
    };
  if (!f.applicationDate) return { reason: 'the filing has no application date' };
  if (f.owners.length === 0)
    return { reason: 'the asset has no owners recorded on the forecast date' };
  if (office === 'JPO' && f.status === 'granted' && !f.claimsCount)
    return { reason: 'a granted JP patent needs its number of claims' };
  return office;
}

/**
 * The fees library's input for a registry filing that can be forecast. All its fields are set
 * at once (absent ones as undefined), which keeps 50,000 of them compact.
 */
function feeForecastFiling(
  f: RegistryFilingFacts,
  office: PatentOffice,
  feeOwners: FeeOwnersOf,
): FeeForecastFiling {
  return {
    filingId: f.filingId,
    office,
    status: f.status as FeeForecastFiling['status'],
    filingDate: f.applicationDate as LocalDate,
    grantDate: f.grantDate || undefined,
    claimsCount: f.claimsCount || undefined,
    owners: feeOwners(f.owners),
    usptoEntity: office === 'USPTO' ? ENTITY_OF[f.entityStatus ?? 'standard'] : undefined,
  };
}

/** The fees library's input for a registry filing, or why it cannot be forecast. */
export function toFeeForecastFiling(
  f: RegistryFilingFacts,
): { filing: FeeForecastFiling } | { notForecast: NotForecast } {
  const office = officeToForecast(f);
  if (typeof office !== 'string') {
    const { filingId, assetId, jurisdiction } = f;
    return { notForecast: { filingId, assetId, jurisdiction, reason: office.reason } };
  }
  return { filing: feeForecastFiling(f, office, feeOwnersOf) };
}

/**
 * Exchange rates given as `USD:2026-04-01:150.25,EUR:2026-04-01:162.1` (currency, rate date,
 * yen per unit with up to 4 decimals). The fees library validates each record.
 */
export function parseRatesParam(text: string | undefined): ExchangeRateRecord[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const [currency, rateDate, yenPerUnit, ...rest] = part.trim().split(':');
    if (!currency || !rateDate || !yenPerUnit || rest.length > 0) {
      throw DomainError.validation(
        'FORECAST.INVALID_RATES',
        'rates is a comma-separated list of CURRENCY:YYYY-MM-DD:yenPerUnit, e.g. USD:2026-04-01:150.25',
        { field: 'rates' },
      );
    }
    return { currency: currency as ExchangeRateRecord['currency'], rateDate, yenPerUnit };
  });
}

/**
 * A filing's payments in one fiscal year. Read-only: filings whose one payment in a year has the
 * same figures share the same object.
 */
export interface FiscalYearAmount {
  readonly fiscalYear: number;
  /** In the office's currency. */
  readonly amount: Yen;
  readonly yen: Yen;
  readonly paymentCount: number;
}

export interface FilingForecastSummary {
  filingId: string;
  assetId: string;
  assetReference: string | null;
  jurisdiction: string;
  office: PatentOffice;
  currency: FeeCurrency;
  status: string;
  pooled: boolean;
  /** Fiscal years with at least one payment, in order. */
  byFiscalYear: FiscalYearAmount[];
  total: { amount: Yen; yen: Yen; paymentCount: number };
  /** Part of the yen the IP fund bears: pooled assets only, the non-company owners' part. */
  fundYen: Yen;
}

export interface FiscalYearForecast {
  fiscalYear: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  totals: CurrencyTotals;
  yen: Yen;
  fundYen: Yen;
  paymentCount: number;
}

export interface RateUsed {
  currency: string;
  rateDate: LocalDate;
  yenPerUnit: string;
  paymentCount: number;
}

export interface PortfolioForecast {
  asOf: LocalDate;
  fromFiscalYear: number;
  years: number;
  fiscalYears: FiscalYearForecast[];
  total: { totals: CurrencyTotals; yen: Yen; fundYen: Yen; paymentCount: number };
  filings: FilingForecastSummary[];
  notForecast: NotForecast[];
  ratesUsed: RateUsed[];
  warnings: readonly ForecastWarning[];
  /** Every payment, converted; kept for callers that need the detail (one filing, the review queue). */
  items: readonly YenForecastItem[];
}

export interface PortfolioForecastInput {
  filings: readonly RegistryFilingFacts[];
  asOf: LocalDate;
  years: number;
  rates: readonly ExchangeRateRecord[];
  /** Also list every payment (office currency and yen) in `items`; for one filing or a short window. */
  withItems?: boolean;
}

/** How the IP fund shares a filing's payments: not at all, entirely, or the non-company owners' part. */
interface FundShare {
  mode: 'none' | 'all' | 'split';
  /** split: per owner (engine order = registry order), whether the fund pays that owner's part. */
  fundOwner: boolean[];
  shares: bigint[];
}

function fundShareOf(facts: RegistryFilingFacts): FundShare {
  const fundOwner = facts.owners.map(isFundOwner);
  const mode =
    !facts.pooled || !fundOwner.some(Boolean) ? 'none' : fundOwner.every(Boolean) ? 'all' : 'split';
  return { mode, fundOwner, shares: facts.owners.map((o) => BigInt(o.shareBp)) };
}

/** What decides the fund's part of a payment: the mode and, for a split, who pays which share. */
function fundShareKey(share: FundShare): string {
  if (share.mode !== 'split') return share.mode;
  return `split:${share.fundOwner.map((f) => (f ? 1 : 0)).join('')}:${share.shares.join(',')}`;
}

/**
 * The IP fund's part of a payment of `yen`: JPO payments are split with the fee library's
 * per-owner weights (each part carries its owner's reduction), other offices' by shares.
 */
function fundPartOf(
  yen: Yen,
  currency: FeeCurrency,
  charge: Charge,
  owners: readonly PreparedOwner[],
  fund: FundShare,
): Yen {
  if (fund.mode === 'none') return 0n;
  if (fund.mode === 'all') return yen;
  const parts =
    currency === 'JPY' && charge.weights.length === owners.length
      ? splitByWeights(yen, owners, charge.weights).map((p) => p.amount)
      : allocate(yen, fund.shares);
  let part = 0n;
  for (let k = 0; k < parts.length; k++) if (fund.fundOwner[k]) part += parts[k];
  return part;
}

/**
 * One payment's figures: in the office currency, in yen and the IP fund's part, with how many
 * payments had them in each fiscal year of the horizon. They depend only on the price (the
 * engine's shared `Charge`), the rate used and the fund share, so payments that agree on those
 * share one record: its figures are computed once and the portfolio totals are count × figure.
 */
interface PaymentFigures {
  currency: FeeCurrency;
  amount: bigint;
  yen: Yen;
  fund: Yen;
  rate: ExchangeRateUsed | null;
  /** Payments per fiscal year, index 0 = the first fiscal year of the horizon. */
  counts: number[];
  /** A filing's entry for a fiscal year in which this is its only payment, made once per year. */
  entries: (FiscalYearAmount | undefined)[];
}

/** A fund share met in the run, with the figures of the payments made under it, by `Charge.id`. */
interface FundShareFigures {
  share: FundShare;
  inYen: (PaymentFigures | undefined)[];
  /** Then by the rate used. */
  converted: (Map<ExchangeRateUsed, PaymentFigures> | undefined)[];
}

/** `list[index]`, or undefined past its end. */
function slotOf<T>(list: readonly (T | undefined)[], index: number): T | undefined {
  return index < list.length ? list[index] : undefined;
}

/** Sets `list[index]`, filling any gap with undefined: a list without holes stays fast in V8. */
function setSlot<T>(list: (T | undefined)[], index: number, value: T): void {
  while (list.length < index) list.push(undefined);
  list[index] = value;
}

/**
 * Receives each payment from the fee engine and adds it up per filing and fiscal year, in the
 * office currency, in yen (converted on its payment date, as `convertForecastToYen` does) and
 * the IP fund's part, with no object per payment; the portfolio's fiscal-year totals are
 * counted per distinct payment and multiplied out by `addFiguresTo`.
 *
 * Sums a filing does not need are skipped: while its payments are in yen, their yen is their
 * amount; a fund that bears all of a filing bears its yen, one that bears none of it nothing.
 */
class PortfolioSink implements FeeSink {
  readonly warnings: ForecastWarning[] = [];
  /** Every distinct payment met, in order of first appearance. */
  readonly figures: PaymentFigures[] = [];
  private readonly fundShares = new Map<string, FundShareFigures>();
  private readonly fundSharesOf = new Map<
    readonly ForecastOwnerFacts[],
    [FundShareFigures | undefined, FundShareFigures | undefined]
  >();
  /** The filing being run: its fund share and its payments per fiscal year (cleared by `endFiling`). */
  private fund: FundShareFigures;
  private readonly amount: bigint[];
  /** Kept only once a payment is not in yen (`yenIsAmount` false). */
  private readonly yen: bigint[];
  private readonly count: number[];
  /** The first payment's figures in each fiscal year. */
  private readonly firstPayment: (PaymentFigures | undefined)[];
  /** Range of the fiscal years the filing has payments in (lo > hi: none yet), and how many. */
  private lo: number;
  private hi = -1;
  private buckets = 0;
  private yenIsAmount = true;
  /** Kept for a split fund share only. */
  private fundYen: Yen = 0n;

  constructor(
    private readonly first: number,
    private readonly years: number,
    private readonly rates: ExchangeRateTable,
    /** Currencies with at least one rate: the library's lookup fails with a TypeError, not its NO_EXCHANGE_RATE, for the others (reported). */
    private readonly rated: ReadonlySet<string>,
    private readonly asOf: LocalDate,
  ) {
    this.amount = new Array<bigint>(years).fill(0n);
    this.yen = new Array<bigint>(years).fill(0n);
    this.count = new Array<number>(years).fill(0);
    this.firstPayment = new Array<PaymentFigures | undefined>(years).fill(undefined);
    this.lo = years;
    this.fund = this.fundShareFigures({ mode: 'none', fundOwner: [], shares: [] });
  }

  /** The figures kept for a fund share: one record per distinct share met in the run. */
  private fundShareFigures(share: FundShare): FundShareFigures {
    const key = fundShareKey(share);
    let fund = this.fundShares.get(key);
    if (fund === undefined) {
      fund = { share, inYen: [], converted: [] };
      this.fundShares.set(key, fund);
    }
    return fund;
  }

  /** Starts a filing: its fund share is looked up once per owners list and pooled flag. */
  startFiling(facts: RegistryFilingFacts): void {
    let byPooled = this.fundSharesOf.get(facts.owners);
    if (byPooled === undefined)
      this.fundSharesOf.set(facts.owners, (byPooled = [undefined, undefined]));
    const slot = facts.pooled ? 1 : 0;
    let fund = byPooled[slot];
    if (fund === undefined) byPooled[slot] = fund = this.fundShareFigures(fundShareOf(facts));
    this.fund = fund;
    this.fundYen = 0n;
    this.yenIsAmount = true;
  }

  fee(
    _filing: FeeForecastFiling,
    _kind: FeeKind,
    currency: FeeCurrency,
    _yearFrom: number,
    _yearTo: number,
    _due: DateInt,
    pay: DateInt,
    _graceEnd: DateInt,
    _late: boolean,
    charge: Charge,
    _scheduleVersion: string,
    owners: readonly PreparedOwner[],
  ): void {
    const figures = this.figuresOf(currency, pay, charge, owners);
    if (currency !== 'JPY' && this.yenIsAmount) {
      // Until now every payment was in yen: the yen buckets are the amount buckets.
      for (let i = this.lo; i <= this.hi; i++) this.yen[i] = this.amount[i];
      this.yenIsAmount = false;
    }
    const i = fiscalYearOfInt(pay) - this.first;
    figures.counts[i] += 1;
    if (this.count[i] === 0) {
      this.amount[i] = figures.amount;
      this.yen[i] = figures.yen;
      this.firstPayment[i] = figures;
      this.buckets += 1;
      if (i < this.lo) this.lo = i;
      if (i > this.hi) this.hi = i;
    } else {
      this.amount[i] += figures.amount;
      if (!this.yenIsAmount) this.yen[i] += figures.yen;
    }
    this.count[i] += 1;
    if (this.fund.share.mode === 'split' && figures.fund !== 0n) this.fundYen += figures.fund;
  }

  /** The figures of a payment under the current filing's fund share; computed on first sight. */
  private figuresOf(
    currency: FeeCurrency,
    pay: DateInt,
    charge: Charge,
    owners: readonly PreparedOwner[],
  ): PaymentFigures {
    const fund = this.fund;
    let rate: ExchangeRateUsed | null = null;
    let byRate: Map<ExchangeRateUsed, PaymentFigures> | undefined;
    let figures: PaymentFigures | undefined;
    if (currency === 'JPY') figures = slotOf(fund.inYen, charge.id);
    else {
      if (!this.rated.has(currency)) throw noRate(currency, this.asOf);
      rate = this.rates.recordOn(currency, pay);
      byRate = slotOf(fund.converted, charge.id);
      if (byRate === undefined) setSlot(fund.converted, charge.id, (byRate = new Map()));
      figures = byRate.get(rate);
    }
    if (figures !== undefined) return figures;
    const amount = charge.total;
    const yen = convertToYenOnDateInt(amount, currency, pay, this.rates);
    figures = {
      currency,
      amount,
      yen,
      fund: fundPartOf(yen, currency, charge, owners, fund.share),
      rate,
      counts: new Array<number>(this.years).fill(0),
      entries: new Array<FiscalYearAmount | undefined>(this.years).fill(undefined),
    };
    if (rate === null) setSlot(fund.inYen, charge.id, figures);
    else byRate?.set(rate, figures);
    this.figures.push(figures);
    return figures;
  }

  /** The summary of the filing just run, from its buckets, which are cleared for the next. */
  endFiling(filing: FeeForecastFiling, facts: RegistryFilingFacts): FilingForecastSummary {
    const yen = this.yenIsAmount ? this.amount : this.yen;
    const byFiscalYear = new Array<FiscalYearAmount>(this.buckets);
    const total = { amount: 0n, yen: 0n, paymentCount: 0 };
    let k = 0;
    for (let i = this.lo; i <= this.hi; i++) {
      const n = this.count[i];
      if (n === 0) continue;
      byFiscalYear[k++] =
        n === 1
          ? this.onlyPaymentEntry(i)
          : {
              fiscalYear: this.first + i,
              amount: this.amount[i],
              yen: yen[i],
              paymentCount: n,
            };
      if (total.paymentCount === 0) {
        total.amount = this.amount[i];
        total.yen = yen[i];
      } else {
        total.amount += this.amount[i];
        if (!this.yenIsAmount) total.yen += yen[i];
      }
      total.paymentCount += n;
      this.count[i] = 0;
    }
    if (this.yenIsAmount) total.yen = total.amount;
    this.lo = this.years;
    this.hi = -1;
    this.buckets = 0;
    const { mode } = this.fund.share;
    return {
      filingId: filing.filingId,
      assetId: facts.assetId,
      assetReference: facts.assetReference,
      jurisdiction: facts.jurisdiction,
      office: filing.office,
      currency: OFFICE_CURRENCY[filing.office],
      status: facts.status,
      pooled: facts.pooled,
      byFiscalYear,
      total,
      fundYen: mode === 'split' ? this.fundYen : mode === 'all' ? total.yen : 0n,
    };
  }

  /** The entry of fiscal year bucket `i` when it holds one payment: shared by the filings alike. */
  private onlyPaymentEntry(i: number): FiscalYearAmount {
    const figures = this.firstPayment[i] as PaymentFigures;
    let entry = figures.entries[i];
    if (entry === undefined) {
      entry = {
        fiscalYear: this.first + i,
        amount: figures.amount,
        yen: figures.yen,
        paymentCount: 1,
      };
      figures.entries[i] = entry;
    }
    return entry;
  }

  lapsed(filing: FeeForecastFiling, year: number, due: DateInt, graceEnd: DateInt): void {
    this.warnings.push({
      filingId: filing.filingId,
      code: 'FEES.GRACE_PERIOD_EXPIRED',
      year,
      message: `the fee for year ${year} was due on ${fromDateInt(due)} and its grace period ended on ${fromDateInt(graceEnd)}`,
    });
  }
}

/** Adds each distinct payment's figures × its count per fiscal year to the portfolio's totals. */
function addFiguresTo(
  figures: readonly PaymentFigures[],
  fiscalYears: FiscalYearForecast[],
  total: PortfolioForecast['total'],
): Map<ExchangeRateUsed, number> {
  const rateUse = new Map<ExchangeRateUsed, number>();
  for (const f of figures) {
    let payments = 0;
    for (let i = 0; i < fiscalYears.length; i++) {
      const n = f.counts[i];
      if (n === 0) continue;
      const times = BigInt(n);
      const fy = fiscalYears[i];
      fy.totals[f.currency] += f.amount * times;
      fy.yen += f.yen * times;
      fy.fundYen += f.fund * times;
      fy.paymentCount += n;
      payments += n;
    }
    if (f.rate !== null) rateUse.set(f.rate, (rateUse.get(f.rate) ?? 0) + payments);
  }
  for (const fy of fiscalYears) {
    for (const c of CURRENCIES) total.totals[c] += fy.totals[c];
    total.yen += fy.yen;
    total.fundYen += fy.fundYen;
    total.paymentCount += fy.paymentCount;
  }
  return rateUse;
}

/**
 * One pass of the fee engine over every forecastable filing, each payment converted to yen on
 * its payment date; per-filing and per-fiscal-year figures are sums of the same converted
 * payments, so the totals equal the sum of the filings' forecasts to the yen.
 */
export function forecastPortfolio(input: PortfolioForecastInput): PortfolioForecast {
  const table = ExchangeRateTable.from(input.rates);
  const run = startRun(OFFICIAL_FEE_SCHEDULES, input.asOf, input.years);
  const fiscalYears: FiscalYearForecast[] = [];
  for (let i = 0; i < input.years; i++) {
    const range = fiscalYearRange(run.firstFiscalYear + i);
    fiscalYears.push({ ...range, totals: zeroTotals(), yen: 0n, fundYen: 0n, paymentCount: 0 });
  }
  const sink = new PortfolioSink(
    run.firstFiscalYear,
    input.years,
    table,
    new Set(input.rates.map((r) => r.currency)),
    input.asOf,
  );
  const notForecast: NotForecast[] = [];
  const summaries: FilingForecastSummary[] = [];
  /** Kept for the payment detail only. */
  const engineFilings: FeeForecastFiling[] = [];
  const feeOwners = memoisedFeeOwners();
  for (const facts of input.filings) {
    if (!FORECAST_STATUS_SET.has(facts.status)) continue;
    const office = officeToForecast(facts);
    if (typeof office !== 'string') {
      const { filingId, assetId, jurisdiction } = facts;
      notForecast.push({ filingId, assetId, jurisdiction, reason: office.reason });
      continue;
    }
    const f = feeForecastFiling(facts, office, feeOwners);
    if (input.withItems) engineFilings.push(f);
    sink.startFiling(facts);
    runFiling(f, run, sink);
    summaries.push(sink.endFiling(f, facts));
  }
  const total = { totals: zeroTotals(), yen: 0n, fundYen: 0n, paymentCount: 0 };
  const rateUse = addFiguresTo(sink.figures, fiscalYears, total);
  const ratesUsed = [...rateUse]
    .map(([r, paymentCount]) => ({
      currency: r.currency,
      rateDate: r.rateDate,
      yenPerUnit: r.yenPerUnit,
      paymentCount,
    }))
    .sort((a, b) =>
      a.currency !== b.currency
        ? a.currency < b.currency
          ? -1
          : 1
        : a.rateDate < b.rateDate
          ? -1
          : 1,
    );
  const items = input.withItems
    ? convertForecastToYen(
        forecastFees({ filings: engineFilings, asOf: input.asOf, horizonFiscalYears: input.years }),
        table,
      ).items
    : [];
  return {
    asOf: input.asOf,
    fromFiscalYear: run.firstFiscalYear,
    years: input.years,
    fiscalYears,
    total,
    filings: summaries,
    notForecast,
    ratesUsed,
    warnings: sink.warnings,
    items,
  };
}

function noRate(currency: FeeCurrency, asOf: LocalDate): DomainError {
  return DomainError.unprocessable(
    'FEES.NO_EXCHANGE_RATE',
    `no ${currency} rate is recorded or given: pass rates=${currency}:YYYY-MM-DD:yenPerUnit`,
    { currency, asOf },
  );
}
