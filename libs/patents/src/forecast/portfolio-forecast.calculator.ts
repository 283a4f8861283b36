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
import { FeeSink, runFiling, startRun } from '../fees/fee-engine';
import { ChargeBuffer, PreparedOwner, splitByWeights } from '../fees/office-fee.rules';
import { convertToYenOnDateInt } from '../fees/yen-conversion';

/*
 * Pure: registry facts in, fee forecasts out. The fees library decides what is due when; this
 * file maps registry filings to its inputs and groups its payments per filing and fiscal year.
 */

/** Statuses that cost fees: drafts are not at an office yet; lapsed, abandoned and expired are dead. */
export const FORECAST_FILING_STATUSES = ['filed', 'examination_requested', 'granted'] as const;

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

/** The fees library's input for a registry filing, or why it cannot be forecast. */
export function toFeeForecastFiling(
  f: RegistryFilingFacts,
): { filing: FeeForecastFiling } | { notForecast: NotForecast } {
  const skip = (reason: string) => ({
    notForecast: { filingId: f.filingId, assetId: f.assetId, jurisdiction: f.jurisdiction, reason },
  });
  const office = officeOf(f.jurisdiction);
  if (!office)
    return skip(`no official fee schedule is held for ${f.jurisdiction} (JP, US and EP only)`);
  if (!f.applicationDate) return skip('the filing has no application date');
  if (f.owners.length === 0) return skip('the asset has no owners recorded on the forecast date');
  if (office === 'JPO' && f.status === 'granted' && !f.claimsCount)
    return skip('a granted JP patent needs its number of claims');
  const owners: FeeForecastOwner[] = f.owners.map((o) => {
    const jpoReduction = forecastJpoReductionOf(o);
    return jpoReduction
      ? { ownerId: o.organisationId, shareBp: o.shareBp, jpoReduction }
      : { ownerId: o.organisationId, shareBp: o.shareBp };
  });
  const filing: FeeForecastFiling = {
    filingId: f.filingId,
    office,
    status: f.status as FeeForecastFiling['status'],
    filingDate: f.applicationDate,
    owners,
  };
  if (f.grantDate) filing.grantDate = f.grantDate;
  if (f.claimsCount) filing.claimsCount = f.claimsCount;
  if (office === 'USPTO') filing.usptoEntity = ENTITY_OF[f.entityStatus ?? 'standard'];
  return { filing };
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

export interface FiscalYearAmount {
  fiscalYear: number;
  /** In the office's currency. */
  amount: Yen;
  yen: Yen;
  paymentCount: number;
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

/**
 * Receives each payment from the fee engine and adds it up per filing and fiscal year, in the
 * office currency, in yen (converted on its payment date, as `convertForecastToYen` does) and
 * the IP fund's part: no object per payment, so a portfolio of 50,000 filings stays cheap.
 */
class PortfolioSink implements FeeSink {
  current!: {
    summary: FilingForecastSummary;
    fund: FundShare;
    amount: bigint[] | null;
    yen: bigint[];
    count: number[];
  };
  readonly warnings: ForecastWarning[] = [];
  readonly rateUse = new Map<ExchangeRateUsed, number>();

  constructor(
    private readonly first: number,
    private readonly years: number,
    private readonly fiscalYears: FiscalYearForecast[],
    private readonly total: PortfolioForecast['total'],
    private readonly rates: ExchangeRateTable,
    /** Currencies with at least one rate: the library's lookup fails with a TypeError, not its NO_EXCHANGE_RATE, for the others (reported). */
    private readonly rated: ReadonlySet<string>,
    private readonly asOf: LocalDate,
  ) {}

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
    charge: ChargeBuffer,
    _scheduleVersion: string,
    owners: readonly PreparedOwner[],
  ): void {
    const amount = charge.amount + charge.surcharge;
    let yen = amount;
    if (currency !== 'JPY') {
      if (!this.rated.has(currency)) throw noRate(currency, this.asOf);
      yen = convertToYenOnDateInt(amount, currency, pay, this.rates);
      const record = this.rates.recordOn(currency, pay);
      this.rateUse.set(record, (this.rateUse.get(record) ?? 0) + 1);
    }
    const c = this.current;
    let fund = 0n;
    if (c.fund.mode === 'all') fund = yen;
    else if (c.fund.mode === 'split') {
      // JPO: the library's per-owner split (each part carries its owner's reduction); else by shares.
      const parts =
        currency === 'JPY' && charge.weights.length === owners.length
          ? splitByWeights(yen, owners, charge.weights).map((p) => p.amount)
          : allocate(yen, c.fund.shares);
      for (let k = 0; k < parts.length; k++) if (c.fund.fundOwner[k]) fund += parts[k];
    }
    const i = fiscalYearOfInt(pay) - this.first;
    const fy = this.fiscalYears[i];
    fy.totals[currency] += amount;
    fy.yen += yen;
    fy.fundYen += fund;
    fy.paymentCount += 1;
    this.total.totals[currency] += amount;
    this.total.yen += yen;
    this.total.fundYen += fund;
    this.total.paymentCount += 1;
    if (c.amount === null) {
      c.amount = new Array<bigint>(this.years).fill(0n);
      c.yen = new Array<bigint>(this.years).fill(0n);
      c.count = new Array<number>(this.years).fill(0);
    }
    c.amount[i] += amount;
    c.yen[i] += yen;
    c.count[i] += 1;
    c.summary.total.amount += amount;
    c.summary.total.yen += yen;
    c.summary.total.paymentCount += 1;
    c.summary.fundYen += fund;
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

/**
 * One pass of the fee engine over every forecastable filing, each payment converted to yen on
 * its payment date; per-filing and per-fiscal-year figures are sums of the same converted
 * payments, so the totals equal the sum of the filings' forecasts to the yen.
 */
export function forecastPortfolio(input: PortfolioForecastInput): PortfolioForecast {
  const notForecast: NotForecast[] = [];
  const engineFilings: FeeForecastFiling[] = [];
  const engineFacts: RegistryFilingFacts[] = [];
  for (const f of input.filings) {
    if (!(FORECAST_FILING_STATUSES as readonly string[]).includes(f.status)) continue;
    const mapped = toFeeForecastFiling(f);
    if ('notForecast' in mapped) notForecast.push(mapped.notForecast);
    else {
      engineFilings.push(mapped.filing);
      engineFacts.push(f);
    }
  }
  const table = ExchangeRateTable.from(input.rates);
  const run = startRun(OFFICIAL_FEE_SCHEDULES, input.asOf, input.years);
  const fiscalYears: FiscalYearForecast[] = [];
  for (let i = 0; i < input.years; i++) {
    const range = fiscalYearRange(run.firstFiscalYear + i);
    fiscalYears.push({ ...range, totals: zeroTotals(), yen: 0n, fundYen: 0n, paymentCount: 0 });
  }
  const total = { totals: zeroTotals(), yen: 0n, fundYen: 0n, paymentCount: 0 };
  const sink = new PortfolioSink(
    run.firstFiscalYear,
    input.years,
    fiscalYears,
    total,
    table,
    new Set(input.rates.map((r) => r.currency)),
    input.asOf,
  );
  const summaries: FilingForecastSummary[] = [];
  for (let k = 0; k < engineFilings.length; k++) {
    const f = engineFilings[k];
    const facts = engineFacts[k];
    const summary: FilingForecastSummary = {
      filingId: f.filingId,
      assetId: facts.assetId,
      assetReference: facts.assetReference,
      jurisdiction: facts.jurisdiction,
      office: f.office,
      currency: OFFICE_CURRENCY[f.office],
      status: facts.status,
      pooled: facts.pooled,
      byFiscalYear: [],
      total: { amount: 0n, yen: 0n, paymentCount: 0 },
      fundYen: 0n,
    };
    sink.current = { summary, fund: fundShareOf(facts), amount: null, yen: [], count: [] };
    runFiling(f, run, sink);
    const c = sink.current;
    if (c.amount !== null) {
      for (let i = 0; i < input.years; i++) {
        if (c.count[i] > 0)
          summary.byFiscalYear.push({
            fiscalYear: run.firstFiscalYear + i,
            amount: c.amount[i],
            yen: c.yen[i],
            paymentCount: c.count[i],
          });
      }
    }
    summaries.push(summary);
  }
  const ratesUsed = [...sink.rateUse]
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
