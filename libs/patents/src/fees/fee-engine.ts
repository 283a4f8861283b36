import { DomainError, LocalDate, assertLocalDate } from '@app/kernel';
import {
  DateInt,
  addMonthsInt,
  addYearsInt,
  endOfMonthInt,
  fiscalYearEndInt,
  fiscalYearOfInt,
  parseDateInt,
  toDateInt,
} from './fee-dates';
import { ChargeCache } from './fee-charge-cache';
import { FeeErrorCode } from './fee-errors';
import { FeeForecastFiling, FeeForecastOwner, FeeKind } from './fee-forecast.types';
import {
  CompiledSchedules,
  compileFeeSchedules,
  requireVersionOn,
  versionOn,
} from './fee-schedule-lookup';
import { FeeCurrency, FeeSchedules, OFFICE_CURRENCY, UsptoEntitySize } from './fee-schedule.types';
import { Charge, PreparedOwner, prepareOwners } from './office-fee.rules';
import {
  EPO_FIRST_RENEWAL_YEAR,
  PATENT_TERM_YEARS,
  USPTO_MAINTENANCE_STAGES,
} from './statutory-fee-timing';

/*
 * The one place that decides which fees a filing owes, when, and how much. Both the detailed
 * forecast and the portfolio totals run this engine with different sinks, so their numbers
 * cannot drift apart.
 */

/** Receives each payment the engine finds; `charge` is shared by every payment with that price: never mutate it. */
export interface FeeSink {
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
  ): void;
  /** An unpaid fee's grace period ended before `asOf`: the right has lapsed; nothing later is forecast. */
  lapsed(filing: FeeForecastFiling, year: number, due: DateInt, graceEnd: DateInt): void;
}

export interface EngineRun {
  schedules: CompiledSchedules;
  asOf: DateInt;
  /** Last day of the last fiscal year of the horizon. */
  windowEnd: DateInt;
  /** Each distinct price computed once per run. */
  charges: ChargeCache;
  /** Owners checked and prepared once per owners list (filings of one asset share theirs). */
  owners: Map<readonly FeeForecastOwner[], PreparedOwner[]>;
  /** Fiscal year `asOf` falls in: bucket 0 of the horizon. */
  firstFiscalYear: number;
  horizonFiscalYears: number;
}

/** Longest horizon a forecast may cover, in fiscal years. */
export const MAX_HORIZON_FISCAL_YEARS = 20;

/** Checks the common inputs and prepares a run: window = asOf .. end of the horizon's last fiscal year. */
export function startRun(
  schedules: FeeSchedules,
  asOf: LocalDate,
  horizonFiscalYears: number,
): EngineRun {
  assertLocalDate(asOf, 'asOf');
  if (
    !Number.isInteger(horizonFiscalYears) ||
    horizonFiscalYears < 1 ||
    horizonFiscalYears > MAX_HORIZON_FISCAL_YEARS
  ) {
    throw DomainError.validation(
      FeeErrorCode.INVALID_HORIZON,
      `horizonFiscalYears must be an integer from 1 to ${MAX_HORIZON_FISCAL_YEARS}`,
    );
  }
  const asOfInt = toDateInt(asOf);
  const firstFiscalYear = fiscalYearOfInt(asOfInt);
  const compiled = compileFeeSchedules(schedules);
  return {
    schedules: compiled,
    asOf: asOfInt,
    windowEnd: fiscalYearEndInt(firstFiscalYear + horizonFiscalYears - 1),
    charges: new ChargeCache(compiled),
    owners: new Map(),
    firstFiscalYear,
    horizonFiscalYears,
  };
}

/** The engine date of a `YYYY-MM-DD` string, or null when it is not a valid date (`isLocalDate`). */
function engineDate(value: unknown): DateInt | null {
  return typeof value === 'string' ? parseDateInt(value) : null;
}

const SKIP = -1;
const LAPSED = -2;

/**
 * When a fee will be paid: on its due date if that is still ahead; if it is overdue and known
 * to be unpaid (`paidThroughYear` given), at `asOf` with a surcharge while the grace period
 * lasts, else the right has lapsed. Without `paidThroughYear` past fees count as paid.
 */
function paymentDate(
  due: DateInt,
  graceEnd: DateInt,
  year: number,
  paidThrough: number | undefined,
  asOf: DateInt,
) {
  if (paidThrough !== undefined && year <= paidThrough) return SKIP;
  if (due >= asOf) return due;
  if (paidThrough === undefined) return SKIP;
  return graceEnd >= asOf ? asOf : LAPSED;
}

const OFFICES = new Set(['JPO', 'USPTO', 'EPO']);
const STATUSES = new Set([
  'drafted',
  'filed',
  'examination_requested',
  'granted',
  'lapsed',
  'abandoned',
  'expired',
]);
const ENTITIES = new Set<UsptoEntitySize>(['large', 'small', 'micro']);

function invalidFiling(filing: FeeForecastFiling, message: string): DomainError {
  return DomainError.validation(FeeErrorCode.INVALID_FILING, message, {
    filingId: filing.filingId,
  });
}

/** A filing that passed `validateFiling`: its dates as engine dates and its owners prepared for the fee rules. */
export interface CheckedFiling {
  filed: DateInt;
  /** Null when the filing has no grantDate. */
  granted: DateInt | null;
  owners: readonly PreparedOwner[];
}

/** Validates one filing; its owners list is checked and prepared once per run (filings share lists). */
export function validateFiling(filing: FeeForecastFiling, run: EngineRun): CheckedFiling {
  if (typeof filing.filingId !== 'string' || filing.filingId === '') {
    throw DomainError.validation(
      FeeErrorCode.INVALID_FILING,
      'filingId must be a non-empty string',
    );
  }
  if (!OFFICES.has(filing.office))
    throw invalidFiling(filing, `unknown office ${String(filing.office)}`);
  if (!STATUSES.has(filing.status))
    throw invalidFiling(filing, `unknown status ${String(filing.status)}`);
  const filed = engineDate(filing.filingDate);
  if (filed === null) throw invalidFiling(filing, 'filingDate must be a date as YYYY-MM-DD');
  let granted: DateInt | null = null;
  if (filing.grantDate !== undefined) {
    granted = engineDate(filing.grantDate);
    if (granted === null) throw invalidFiling(filing, 'grantDate must be a date as YYYY-MM-DD');
    if (granted < filed) throw invalidFiling(filing, 'grantDate must not be before filingDate');
  }
  if (filing.status === 'granted' && filing.grantDate === undefined) {
    throw invalidFiling(filing, 'a granted filing needs its grantDate');
  }
  if (
    filing.office === 'JPO' &&
    filing.status === 'granted' &&
    (!Number.isInteger(filing.claimsCount) || (filing.claimsCount as number) < 1)
  ) {
    throw invalidFiling(filing, 'a granted JPO patent needs claimsCount >= 1');
  }
  if (
    filing.office === 'USPTO' &&
    filing.status === 'granted' &&
    !ENTITIES.has(filing.usptoEntity as UsptoEntitySize)
  ) {
    throw invalidFiling(filing, 'a granted US patent needs usptoEntity: large, small or micro');
  }
  if (
    filing.paidThroughYear !== undefined &&
    (!Number.isInteger(filing.paidThroughYear) || filing.paidThroughYear < 0)
  ) {
    throw invalidFiling(filing, 'paidThroughYear must be a non-negative integer');
  }
  let owners = run.owners.get(filing.owners);
  if (owners === undefined) {
    owners = prepareOwners(filing.owners, filing.filingId);
    run.owners.set(filing.owners, owners);
  }
  return { filed, granted, owners };
}

function jpoFees(filing: FeeForecastFiling, checked: CheckedFiling, run: EngineRun, sink: FeeSink) {
  if (filing.status !== 'granted') return;
  const { schedules, asOf, windowEnd, charges } = run;
  const { owners } = checked;
  const registered = checked.granted as DateInt;
  const termEnd = addYearsInt(checked.filed, PATENT_TERM_YEARS);
  const prices = charges.jpoPrices(owners, filing.claimsCount as number);
  const paidThrough = filing.paidThroughYear;
  // Timing only (how many years registration covers): an old registration may predate every
  // schedule we hold, and its payment is history anyway.
  const atRegistration =
    versionOn(schedules.jpoAnnual, registered) ??
    requireVersionOn(schedules.jpoAnnual, asOf, 'JPO annual');
  const registrationYears = atRegistration.source.registrationCoversYears;

  // Years 1..3 are one payment at registration (Art. 108(1)). A registration before asOf was paid.
  if (registered >= asOf && (paidThrough === undefined || paidThrough < registrationYears)) {
    if (registered > windowEnd) return;
    let lastYear = registrationYears;
    while (lastYear > 1 && addYearsInt(registered, lastYear - 1) >= termEnd) lastYear--;
    const reductions = versionOn(schedules.jpoReductions, registered);
    sink.fee(
      filing,
      'jpo_annual',
      'JPY',
      1,
      lastYear,
      registered,
      registered,
      registered,
      false,
      charges.jpo(prices, atRegistration, reductions, 1, lastYear, false),
      atRegistration.source.version,
      owners,
    );
  }

  // Year n (n >= 4) must be paid by the anniversary of registration that starts it (Art. 108(2)).
  for (let year = registrationYears + 1; ; year++) {
    const due = addYearsInt(registered, year - 1);
    if (due >= termEnd) return;
    const timing = versionOn(schedules.jpoAnnual, due) ?? atRegistration;
    if (year > timing.maxYear) return;
    const graceEnd = addMonthsInt(due, timing.source.lateSurcharge.graceMonths);
    const pay = paymentDate(due, graceEnd, year, paidThrough, asOf);
    if (pay === SKIP) continue;
    if (pay === LAPSED) return sink.lapsed(filing, year, due, graceEnd);
    if (pay > windowEnd) return;
    const annual = requireVersionOn(schedules.jpoAnnual, pay, 'JPO annual');
    const late = due < asOf;
    const reductions = versionOn(schedules.jpoReductions, pay);
    sink.fee(
      filing,
      'jpo_annual',
      'JPY',
      year,
      year,
      due,
      pay,
      graceEnd,
      late,
      charges.jpo(prices, annual, reductions, year, year, late),
      annual.source.version,
      owners,
    );
  }
}

function usptoFees(
  filing: FeeForecastFiling,
  checked: CheckedFiling,
  run: EngineRun,
  sink: FeeSink,
) {
  if (filing.status !== 'granted') return;
  const { schedules, asOf, windowEnd, charges } = run;
  const { owners } = checked;
  const granted = checked.granted as DateInt;
  const termEnd = addYearsInt(checked.filed, PATENT_TERM_YEARS);
  const entity = filing.usptoEntity as UsptoEntitySize;
  for (let stage = 0; stage < USPTO_MAINTENANCE_STAGES.length; stage++) {
    const { year, dueAfterMonths } = USPTO_MAINTENANCE_STAGES[stage];
    const due = addMonthsInt(granted, dueAfterMonths);
    // A fee falls due only while the patent is in force (MPEP 2506: no fee after expiry).
    if (due >= termEnd) return;
    const timing =
      versionOn(schedules.uspto, due) ??
      requireVersionOn(schedules.uspto, asOf, 'USPTO maintenance');
    const graceEnd = addMonthsInt(due, timing.source.graceMonths);
    const pay = paymentDate(due, graceEnd, year, filing.paidThroughYear, asOf);
    if (pay === SKIP) continue;
    if (pay === LAPSED) return sink.lapsed(filing, year, due, graceEnd);
    if (pay > windowEnd) return;
    const schedule = requireVersionOn(schedules.uspto, pay, 'USPTO maintenance');
    const late = due < asOf;
    sink.fee(
      filing,
      'uspto_maintenance',
      'USD',
      year,
      year,
      due,
      pay,
      graceEnd,
      late,
      charges.usptoCharge(schedule, stage, entity, late),
      schedule.source.version,
      owners,
    );
  }
}

const EPO_PENDING = new Set(['filed', 'examination_requested', 'granted']);

function epoFees(filing: FeeForecastFiling, checked: CheckedFiling, run: EngineRun, sink: FeeSink) {
  if (!EPO_PENDING.has(filing.status)) return;
  const { schedules, asOf, windowEnd, charges } = run;
  const { filed, owners } = checked;
  // After grant, renewal fees go to the national offices; the EPO's last one is for the patent
  // year in which the mention of grant is published (Art. 86(2) EPC).
  const { granted } = checked;
  for (let year = EPO_FIRST_RENEWAL_YEAR; year <= PATENT_TERM_YEARS; year++) {
    const yearStarts = addYearsInt(filed, year - 1);
    if (granted !== null && yearStarts > granted) return;
    // Due on the last day of the month of the anniversary (Rule 51(1) EPC).
    const due = endOfMonthInt(yearStarts);
    const timing =
      versionOn(schedules.epo, due) ?? requireVersionOn(schedules.epo, asOf, 'EPO renewal');
    // Assumption: a fee due at a month's end may be paid late until the end of the 6th month after.
    const graceEnd = endOfMonthInt(addMonthsInt(due, timing.source.graceMonths));
    const pay = paymentDate(due, graceEnd, year, filing.paidThroughYear, asOf);
    if (pay === SKIP) continue;
    if (pay === LAPSED) return sink.lapsed(filing, year, due, graceEnd);
    if (pay > windowEnd) return;
    const schedule = requireVersionOn(schedules.epo, pay, 'EPO renewal');
    const late = due < asOf;
    sink.fee(
      filing,
      'epo_renewal',
      'EUR',
      year,
      year,
      due,
      pay,
      graceEnd,
      late,
      charges.epoCharge(schedule, year, late),
      schedule.source.version,
      owners,
    );
  }
}

/** Runs one filing through the engine, reporting each payment in the window to the sink. */
export function runFiling(filing: FeeForecastFiling, run: EngineRun, sink: FeeSink): void {
  const checked = validateFiling(filing, run);
  switch (filing.office) {
    case 'JPO':
      return jpoFees(filing, checked, run, sink);
    case 'USPTO':
      return usptoFees(filing, checked, run, sink);
    case 'EPO':
      return epoFees(filing, checked, run, sink);
  }
}

/** Currencies in a fixed order for totals. */
export const CURRENCIES: readonly FeeCurrency[] = [
  OFFICE_CURRENCY.JPO,
  OFFICE_CURRENCY.USPTO,
  OFFICE_CURRENCY.EPO,
];
