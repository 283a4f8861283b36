import { fiscalYearRange } from '@app/kernel';
import { DateInt, fiscalYearOfInt, fromDateInt } from './fee-dates';
import { CURRENCIES, FeeSink, runFiling, startRun } from './fee-engine';
import {
  CurrencyTotals,
  FeeForecast,
  FeeForecastFiling,
  FeeForecastInput,
  FeeKind,
  FiscalYearFeeTotals,
  ForecastFeeItem,
  ForecastWarning,
} from './fee-forecast.types';
import { FeeCurrency } from './fee-schedule.types';
import { Charge, PreparedOwner, splitByWeights } from './office-fee.rules';
import { OFFICIAL_FEE_SCHEDULES } from './official-fee-schedules';
import { USPTO_MAINTENANCE_STAGES } from './statutory-fee-timing';

export function zeroTotals(): CurrencyTotals {
  return { JPY: 0n, USD: 0n, EUR: 0n };
}

function labelOf(kind: FeeKind, yearFrom: number, yearTo: number): string {
  switch (kind) {
    case 'jpo_annual':
      return yearFrom === yearTo
        ? `JPO annual fee, year ${yearFrom}`
        : `JPO annual fee, years ${yearFrom}-${yearTo} (paid at registration)`;
    case 'uspto_maintenance':
      return (
        USPTO_MAINTENANCE_STAGES.find((s) => s.year === yearFrom)?.label ??
        `USPTO maintenance fee, year ${yearFrom}`
      );
    case 'epo_renewal':
      return `EPO renewal fee, year ${yearFrom}`;
  }
}

class ItemSink implements FeeSink {
  readonly items: ForecastFeeItem[] = [];
  /** Payment date of each item as an integer, for a cheap sort. */
  readonly payDates: DateInt[] = [];
  readonly warnings: ForecastWarning[] = [];

  fee(
    filing: FeeForecastFiling,
    kind: FeeKind,
    currency: FeeCurrency,
    yearFrom: number,
    yearTo: number,
    due: DateInt,
    pay: DateInt,
    graceEnd: DateInt,
    late: boolean,
    charge: Charge,
    scheduleVersion: string,
    owners: readonly PreparedOwner[],
  ): void {
    const total = charge.total;
    this.payDates.push(pay);
    this.items.push({
      filingId: filing.filingId,
      office: filing.office,
      currency,
      kind,
      yearFrom,
      yearTo,
      label: labelOf(kind, yearFrom, yearTo),
      dueOn: fromDateInt(due),
      payOn: fromDateInt(pay),
      payableUntil: fromDateInt(graceEnd),
      late,
      fiscalYear: fiscalYearOfInt(pay),
      fee: charge.fee,
      amount: charge.amount,
      surcharge: charge.surcharge,
      total,
      scheduleVersion,
      ownerSplit: kind === 'jpo_annual' ? splitByWeights(total, owners, charge.weights) : null,
    });
  }

  lapsed(filing: FeeForecastFiling, year: number, due: DateInt, graceEnd: DateInt): void {
    this.warnings.push({
      filingId: filing.filingId,
      code: 'FEES.GRACE_PERIOD_EXPIRED',
      year,
      message:
        `the fee for year ${year} was due on ${fromDateInt(due)} and its grace period ended on ` +
        `${fromDateInt(graceEnd)}: the right has lapsed unless restored; no later fees are forecast`,
    });
  }
}

/**
 * Every official fee the filings owe from `asOf` to the end of the horizon's last Japanese
 * fiscal year, in each office's currency, with totals per fiscal year. Fiscal-year totals
 * are plain sums of the items, so a portfolio forecast equals the sum of its filings' forecasts.
 */
export function forecastFees(input: FeeForecastInput): FeeForecast {
  const schedules = input.schedules ?? OFFICIAL_FEE_SCHEDULES;
  const run = startRun(schedules, input.asOf, input.horizonFiscalYears);
  const sink = new ItemSink();
  for (const filing of input.filings) runFiling(filing, run, sink);

  // Order: payment date, then filing id, then fee year (each filing's items arrive in date order).
  const { items: unsorted, payDates } = sink;
  const order = Array.from(unsorted.keys()).sort((i, j) => {
    if (payDates[i] !== payDates[j]) return payDates[i] - payDates[j];
    const a = unsorted[i];
    const b = unsorted[j];
    if (a.filingId !== b.filingId) return a.filingId < b.filingId ? -1 : 1;
    return a.yearFrom - b.yearFrom;
  });
  const items = order.map((i) => unsorted[i]);

  const fiscalYears: FiscalYearFeeTotals[] = [];
  for (let i = 0; i < run.horizonFiscalYears; i++) {
    const range = fiscalYearRange(run.firstFiscalYear + i);
    fiscalYears.push({ ...range, totals: zeroTotals(), itemCount: 0 });
  }
  const grandTotals = zeroTotals();
  for (const item of items) {
    const bucket = fiscalYears[item.fiscalYear - run.firstFiscalYear];
    bucket.totals[item.currency] += item.total;
    bucket.itemCount += 1;
    grandTotals[item.currency] += item.total;
  }

  return {
    asOf: input.asOf,
    horizonFiscalYears: input.horizonFiscalYears,
    items,
    fiscalYears,
    grandTotals,
    warnings: sink.warnings,
  };
}

/** Adds currency totals; used to check that filings' forecasts add up to the portfolio's. */
export function addCurrencyTotals(a: CurrencyTotals, b: CurrencyTotals): CurrencyTotals {
  const out = zeroTotals();
  for (const c of CURRENCIES) out[c] = a[c] + b[c];
  return out;
}
