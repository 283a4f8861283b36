import { LocalDate } from '@app/kernel';
import { DateInt, fiscalYearOfInt } from './fee-dates';
import { FeeSink, runFiling, startRun } from './fee-engine';
import { FeeForecastFiling, FeeKind } from './fee-forecast.types';
import { FeeCurrency, FeeSchedules } from './fee-schedule.types';
import { Charge, PreparedOwner } from './office-fee.rules';
import { OFFICIAL_FEE_SCHEDULES } from './official-fee-schedules';
import { ExchangeRateRecord, ExchangeRateTable, convertToYenOnDateInt } from './yen-conversion';

export interface FeeTotalsInput {
  filings: readonly FeeForecastFiling[];
  asOf: LocalDate;
  horizonFiscalYears: number;
  schedules?: FeeSchedules;
  /** When given, each payment is also converted to yen (same rule as `convertForecastToYen`). */
  rates?: ExchangeRateTable | readonly ExchangeRateRecord[];
}

/** Per-fiscal-year totals; index i of every array is fiscal year `fiscalYears[i]`. */
export interface FeeTotalsByFiscalYear {
  asOf: LocalDate;
  fiscalYears: number[];
  JPY: bigint[];
  USD: bigint[];
  EUR: bigint[];
  /** Yen totals of all currencies, when rates were given. */
  yen: bigint[] | null;
  paymentCount: number;
  lapsedFilingCount: number;
}

/** Accumulates into arrays indexed by fiscal year: no item objects, strings or splits. */
class TotalsSink implements FeeSink {
  paymentCount = 0;
  lapsedFilingCount = 0;

  constructor(
    private readonly firstFiscalYear: number,
    private readonly byCurrency: Record<FeeCurrency, bigint[]>,
    private readonly yen: bigint[] | null,
    private readonly rates: ExchangeRateTable | null,
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
    charge: Charge,
    _scheduleVersion: string,
    _owners: readonly PreparedOwner[],
  ): void {
    const i = fiscalYearOfInt(pay) - this.firstFiscalYear;
    const total = charge.total;
    this.byCurrency[currency][i] += total;
    if (this.yen !== null)
      this.yen[i] += convertToYenOnDateInt(total, currency, pay, this.rates as ExchangeRateTable);
    this.paymentCount++;
  }

  lapsed(): void {
    this.lapsedFilingCount++;
  }
}

/**
 * Fee totals per fiscal year for a whole portfolio in one pass. It runs the same engine as
 * `forecastFees` but keeps only running totals, for forecasts over tens of thousands of
 * filings; its totals equal those of `forecastFees` (and `convertForecastToYen`) exactly.
 */
export function forecastFeeTotals(input: FeeTotalsInput): FeeTotalsByFiscalYear {
  const run = startRun(
    input.schedules ?? OFFICIAL_FEE_SCHEDULES,
    input.asOf,
    input.horizonFiscalYears,
  );
  const n = run.horizonFiscalYears;
  const zeros = () => new Array<bigint>(n).fill(0n);
  const byCurrency: Record<FeeCurrency, bigint[]> = { JPY: zeros(), USD: zeros(), EUR: zeros() };
  const rates =
    input.rates === undefined
      ? null
      : input.rates instanceof ExchangeRateTable
        ? input.rates
        : ExchangeRateTable.from(input.rates);
  const yen = rates ? zeros() : null;
  const sink = new TotalsSink(run.firstFiscalYear, byCurrency, yen, rates);
  for (const filing of input.filings) runFiling(filing, run, sink);
  return {
    asOf: input.asOf,
    fiscalYears: Array.from({ length: n }, (_, i) => run.firstFiscalYear + i),
    ...byCurrency,
    yen,
    paymentCount: sink.paymentCount,
    lapsedFilingCount: sink.lapsedFilingCount,
  };
}
