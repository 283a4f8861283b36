import {
  DomainError,
  LocalDate,
  Yen,
  applyRateBp,
  assertLocalDate,
  fiscalYearRange,
} from '@app/kernel';
import { DateInt, fromDateInt, toDateInt } from './fee-dates';
import { FeeErrorCode } from './fee-errors';
import { FeeForecast, ForecastFeeItem } from './fee-forecast.types';
import { FeeCurrency } from './fee-schedule.types';

export type ForeignCurrency = Exclude<FeeCurrency, 'JPY'>;

/** A rate finance recorded: yen for one unit of `currency` on `rateDate`, up to 4 decimals ("151.2345"). */
export interface ExchangeRateRecord {
  currency: ForeignCurrency;
  rateDate: LocalDate;
  yenPerUnit: string;
}

/** The rate a conversion used, reported so the figure can be traced back to finance's record. */
export interface ExchangeRateUsed {
  currency: ForeignCurrency;
  rateDate: LocalDate;
  yenPerUnit: string;
}

const RATE_PATTERN = /^(\d{1,9})(?:\.(\d{1,4}))?$/;

interface CurrencyRates {
  dates: DateInt[];
  /** Yen per unit × 10,000, i.e. basis points of a yen per unit, as a safe integer. */
  scaled: number[];
  used: ExchangeRateUsed[];
}

/**
 * Finance's exchange rates, validated and sorted once. A date is converted with the latest
 * rate on or before it; dates after the latest record (a forecast) use the latest known rate.
 */
export class ExchangeRateTable {
  private constructor(private readonly byCurrency: ReadonlyMap<ForeignCurrency, CurrencyRates>) {}

  static from(records: readonly ExchangeRateRecord[]): ExchangeRateTable {
    const grouped = new Map<
      ForeignCurrency,
      { date: DateInt; scaled: number; used: ExchangeRateUsed }[]
    >();
    for (const r of records) {
      if (r.currency !== 'USD' && r.currency !== 'EUR') {
        throw DomainError.validation(
          FeeErrorCode.INVALID_EXCHANGE_RATE,
          `no yen rate is needed for ${String(r.currency)}`,
        );
      }
      assertLocalDate(r.rateDate, 'rateDate');
      const m = typeof r.yenPerUnit === 'string' ? RATE_PATTERN.exec(r.yenPerUnit.trim()) : null;
      if (!m) {
        throw DomainError.validation(
          FeeErrorCode.INVALID_EXCHANGE_RATE,
          'yenPerUnit must be a decimal string with up to 4 decimals, e.g. "151.2345"',
          { currency: r.currency, rateDate: r.rateDate },
        );
      }
      const scaled = Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
      if (scaled === 0) {
        throw DomainError.validation(
          FeeErrorCode.INVALID_EXCHANGE_RATE,
          'yenPerUnit must be positive',
          {
            currency: r.currency,
            rateDate: r.rateDate,
          },
        );
      }
      const list = grouped.get(r.currency) ?? [];
      grouped.set(r.currency, list);
      list.push({
        date: toDateInt(r.rateDate),
        scaled,
        used: { currency: r.currency, rateDate: r.rateDate, yenPerUnit: r.yenPerUnit.trim() },
      });
    }
    const byCurrency = new Map<ForeignCurrency, CurrencyRates>();
    for (const [currency, list] of grouped) {
      list.sort((a, b) => a.date - b.date);
      for (let i = 1; i < list.length; i++) {
        if (list[i].date === list[i - 1].date && list[i].scaled !== list[i - 1].scaled) {
          throw DomainError.conflict(
            FeeErrorCode.DUPLICATE_EXCHANGE_RATE,
            `two different ${currency} rates are recorded for ${list[i].used.rateDate}`,
            { currency, rateDate: list[i].used.rateDate },
          );
        }
      }
      const unique = list.filter((r, i) => i === 0 || r.date !== list[i - 1].date);
      byCurrency.set(currency, {
        dates: unique.map((r) => r.date),
        scaled: unique.map((r) => r.scaled),
        used: unique.map((r) => r.used),
      });
    }
    return new ExchangeRateTable(byCurrency);
  }

  /** Index of the latest rate on or before `date` (binary search); throws when there is none. */
  private indexOn(
    rates: CurrencyRates | undefined,
    currency: ForeignCurrency,
    date: DateInt,
  ): number {
    let found = -1;
    if (rates) {
      let lo = 0;
      let hi = rates.dates.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (rates.dates[mid] <= date) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
    }
    if (found < 0) {
      throw DomainError.unprocessable(
        FeeErrorCode.NO_EXCHANGE_RATE,
        `no ${currency} rate is recorded on or before ${fromDateInt(date)}`,
        { currency, date: fromDateInt(date) },
      );
    }
    return found;
  }

  /** @internal Yen per unit × 10,000 on an engine date (yyyymmdd): basis points of a yen, for `applyRateBp`. */
  scaledRateOn(currency: ForeignCurrency, date: DateInt): number {
    const rates = this.byCurrency.get(currency);
    // The index first: for a currency with no rates it throws FEES.NO_EXCHANGE_RATE.
    const index = this.indexOn(rates, currency, date);
    return (rates as CurrencyRates).scaled[index];
  }

  /** @internal The record used for converting `currency` on an engine date (yyyymmdd). */
  recordOn(currency: ForeignCurrency, date: DateInt): ExchangeRateUsed {
    const rates = this.byCurrency.get(currency);
    const index = this.indexOn(rates, currency, date);
    return (rates as CurrencyRates).used[index];
  }

  /** The rate used for converting `currency` on `date`. */
  rateOn(currency: ForeignCurrency, date: LocalDate): ExchangeRateUsed {
    assertLocalDate(date, 'date');
    return this.recordOn(currency, toDateInt(date));
  }
}

/**
 * Converts an amount in whole units of `currency` to whole yen: amount × yenPerUnit with the
 * kernel's one rounding rule (`applyRateBp` truncates; a rate with 4 decimals is exactly a
 * number of basis points of a yen, so the arithmetic is exact up to that truncation).
 */
export function convertToYen(
  amount: bigint,
  currency: FeeCurrency,
  on: LocalDate,
  rates: ExchangeRateTable,
): { yen: Yen; rate: ExchangeRateUsed | null } {
  if (currency === 'JPY') return { yen: amount, rate: null };
  assertLocalDate(on, 'on');
  const date = toDateInt(on);
  return {
    yen: applyRateBp(amount, rates.scaledRateOn(currency, date)),
    rate: rates.recordOn(currency, date),
  };
}

/** Same conversion on an engine date; the totals path uses it so both paths agree to the yen. */
export function convertToYenOnDateInt(
  amount: bigint,
  currency: FeeCurrency,
  on: DateInt,
  rates: ExchangeRateTable,
): Yen {
  return currency === 'JPY' ? amount : applyRateBp(amount, rates.scaledRateOn(currency, on));
}

export interface YenForecastItem extends ForecastFeeItem {
  /** `total` in yen, converted with the rate on `payOn`. */
  yen: Yen;
  rate: ExchangeRateUsed | null;
}

export interface YenFiscalYearTotals {
  fiscalYear: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  yen: Yen;
}

export interface YenFeeForecast {
  asOf: LocalDate;
  items: readonly YenForecastItem[];
  fiscalYears: readonly YenFiscalYearTotals[];
  totalYen: Yen;
  /** Every rate the conversion used, with how many payments each converted. */
  ratesUsed: readonly (ExchangeRateUsed & { itemCount: number })[];
}

/**
 * A forecast in yen. Each payment is converted on its own (the date it is expected to be paid
 * decides the rate) and fiscal-year totals are sums of converted payments, so they reconcile
 * exactly with the items and with the sum of per-filing conversions.
 */
export function convertForecastToYen(
  forecast: FeeForecast,
  rates: ExchangeRateTable | readonly ExchangeRateRecord[],
): YenFeeForecast {
  const table = rates instanceof ExchangeRateTable ? rates : ExchangeRateTable.from(rates);
  const fiscalYears: YenFiscalYearTotals[] = forecast.fiscalYears.map((fy) => ({
    ...fiscalYearRange(fy.fiscalYear),
    yen: 0n,
  }));
  const firstFiscalYear = fiscalYears.length > 0 ? fiscalYears[0].fiscalYear : 0;
  // Keyed by the table's own record objects: one entry per rate, no string keys per payment.
  const used = new Map<ExchangeRateUsed, number>();
  let totalYen = 0n;
  const items = forecast.items.map((item): YenForecastItem => {
    let yen = item.total;
    let rate: ExchangeRateUsed | null = null;
    if (item.currency !== 'JPY') {
      // payOn comes from the engine, so it is a valid date; same arithmetic as convertToYen.
      const on = toDateInt(item.payOn);
      yen = applyRateBp(item.total, table.scaledRateOn(item.currency, on));
      rate = table.recordOn(item.currency, on);
      used.set(rate, (used.get(rate) ?? 0) + 1);
    }
    fiscalYears[item.fiscalYear - firstFiscalYear].yen += yen;
    totalYen += yen;
    // Fields copied one by one: V8's object spread is several times slower on these items, and
    // the return type makes the compiler flag any field added to ForecastFeeItem but not here.
    return {
      filingId: item.filingId,
      office: item.office,
      currency: item.currency,
      kind: item.kind,
      yearFrom: item.yearFrom,
      yearTo: item.yearTo,
      label: item.label,
      dueOn: item.dueOn,
      payOn: item.payOn,
      payableUntil: item.payableUntil,
      late: item.late,
      fiscalYear: item.fiscalYear,
      fee: item.fee,
      amount: item.amount,
      surcharge: item.surcharge,
      total: item.total,
      scheduleVersion: item.scheduleVersion,
      ownerSplit: item.ownerSplit,
      yen,
      rate,
    };
  });
  const ratesUsed = [...used]
    .map(([rate, itemCount]) => ({ ...rate, itemCount }))
    .sort((a, b) =>
      a.currency !== b.currency
        ? a.currency < b.currency
          ? -1
          : 1
        : a.rateDate < b.rateDate
          ? -1
          : 1,
    );
  return { asOf: forecast.asOf, items, fiscalYears, totalYen, ratesUsed };
}
