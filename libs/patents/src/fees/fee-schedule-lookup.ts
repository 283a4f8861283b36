import { DomainError, LocalDate, assertLocalDate } from '@app/kernel';
import { DateInt, fromDateInt, toDateInt } from './fee-dates';
import { FeeErrorCode } from './fee-errors';
import {
  EpoRenewalFeeSchedule,
  FeeSchedules,
  JpoAnnualFeeSchedule,
  JpoReductionCategory,
  JpoReductionSchedule,
  OFFICE_CURRENCY,
  PatentOffice,
  UsptoEntitySize,
  UsptoMaintenanceFeeSchedule,
} from './fee-schedule.types';
import { USPTO_MAINTENANCE_STAGES } from './statutory-fee-timing';

/*
 * Schedules are checked once and turned into lookup tables (amount per year as an array
 * index), cached per schedules object, so that the engine does no searching or validation
 * per fee.
 */

export interface CompiledJpoAnnual {
  source: JpoAnnualFeeSchedule;
  /** Position in its list of versions: a small integer for memo keys. */
  index: number;
  from: DateInt;
  /** Indexed by fee year; entry 0 unused. */
  base: bigint[];
  perClaim: bigint[];
  maxYear: number;
}

export interface CompiledReductionRule {
  fromYear: number;
  toYear: number;
  /** numerator × (lcm / denominator): the owner's weight per basis point of share when reduced. */
  reducedWeight: bigint;
}

export interface CompiledJpoReductions {
  source: JpoReductionSchedule;
  index: number;
  from: DateInt;
  unit: bigint;
  /** lcm of the denominators: the weight per basis point of share of an owner paying in full. */
  fullWeight: bigint;
  /** 10000 × fullWeight: the weight of the whole patent. */
  wholeWeight: bigint;
  rules: ReadonlyMap<string, CompiledReductionRule>;
}

export interface CompiledUspto {
  source: UsptoMaintenanceFeeSchedule;
  index: number;
  from: DateInt;
}

export interface CompiledEpo {
  source: EpoRenewalFeeSchedule;
  index: number;
  from: DateInt;
  /** Indexed by renewal year; entry is undefined outside the bands. */
  amount: (bigint | undefined)[];
  lastYear: number;
}

export interface CompiledSchedules {
  jpoAnnual: readonly CompiledJpoAnnual[];
  jpoReductions: readonly CompiledJpoReductions[];
  uspto: readonly CompiledUspto[];
  epo: readonly CompiledEpo[];
}

function invalid(message: string, details?: Record<string, unknown>): DomainError {
  return DomainError.validation(FeeErrorCode.INVALID_SCHEDULE, message, details);
}

function checkHead(
  kind: string,
  list: readonly {
    version: string;
    effectiveFrom: LocalDate;
    office: PatentOffice;
    currency?: string;
  }[],
  office: PatentOffice,
) {
  let previous = '';
  for (const s of list) {
    assertLocalDate(s.effectiveFrom, `${kind}.effectiveFrom`);
    if (
      s.office !== office ||
      (s.currency !== undefined && s.currency !== OFFICE_CURRENCY[office])
    ) {
      throw invalid(
        `${kind} ${s.version} must be an ${office} schedule in ${OFFICE_CURRENCY[office]}`,
      );
    }
    if (s.effectiveFrom <= previous) {
      throw invalid(`${kind} versions must be listed by strictly increasing effectiveFrom`, {
        version: s.version,
      });
    }
    previous = s.effectiveFrom;
  }
}

function checkAmount(value: bigint, what: string) {
  if (typeof value !== 'bigint' || value < 0n)
    throw invalid(`${what} must be a non-negative bigint`);
}

function checkBands(
  bands: readonly { fromYear: number; toYear: number }[],
  firstYear: number,
  what: string,
) {
  let next = firstYear;
  for (const b of bands) {
    if (
      !Number.isInteger(b.fromYear) ||
      !Number.isInteger(b.toYear) ||
      b.fromYear !== next ||
      b.toYear < b.fromYear
    ) {
      throw invalid(`${what} bands must cover consecutive years from ${firstYear}`);
    }
    next = b.toYear + 1;
  }
  return next - 1;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function compileJpoAnnual(s: JpoAnnualFeeSchedule, index: number): CompiledJpoAnnual {
  const maxYear = checkBands(s.bands, 1, s.version);
  const base: bigint[] = [0n];
  const perClaim: bigint[] = [0n];
  for (const b of s.bands) {
    checkAmount(b.base, `${s.version} base`);
    checkAmount(b.perClaim, `${s.version} perClaim`);
    for (let y = b.fromYear; y <= b.toYear; y++) {
      base[y] = b.base;
      perClaim[y] = b.perClaim;
    }
  }
  const { graceMonths, rateBp } = s.lateSurcharge;
  if (
    !Number.isInteger(s.registrationCoversYears) ||
    s.registrationCoversYears < 1 ||
    s.registrationCoversYears > maxYear
  ) {
    throw invalid(`${s.version} registrationCoversYears is out of range`);
  }
  if (
    !Number.isInteger(graceMonths) ||
    graceMonths < 0 ||
    !Number.isInteger(rateBp) ||
    rateBp < 0
  ) {
    throw invalid(`${s.version} lateSurcharge must be whole months and basis points`);
  }
  return { source: s, index, from: toDateInt(s.effectiveFrom), base, perClaim, maxYear };
}

function compileJpoReductions(s: JpoReductionSchedule, index: number): CompiledJpoReductions {
  if (typeof s.roundingUnit !== 'bigint' || s.roundingUnit < 1n)
    throw invalid(`${s.version} roundingUnit must be >= 1`);
  let lcm = 1n;
  for (const r of s.rules) {
    if (
      !Number.isInteger(r.numerator) ||
      !Number.isInteger(r.denominator) ||
      r.numerator < 0 ||
      r.denominator < 1 ||
      r.numerator > r.denominator ||
      !Number.isInteger(r.fromYear) ||
      !Number.isInteger(r.toYear) ||
      r.fromYear < 1 ||
      r.toYear < r.fromYear
    ) {
      throw invalid(
        `${s.version} rule ${r.category} must be a fraction <= 1 over a range of years`,
      );
    }
    const d = BigInt(r.denominator);
    lcm = (lcm * d) / gcd(lcm, d);
  }
  const rules = new Map<string, CompiledReductionRule>();
  for (const r of s.rules) {
    if (rules.has(r.category)) throw invalid(`${s.version} lists ${r.category} twice`);
    rules.set(r.category, {
      fromYear: r.fromYear,
      toYear: r.toYear,
      reducedWeight: (BigInt(r.numerator) * lcm) / BigInt(r.denominator),
    });
  }
  return {
    source: s,
    index,
    from: toDateInt(s.effectiveFrom),
    unit: s.roundingUnit,
    fullWeight: lcm,
    wholeWeight: lcm * 10_000n,
    rules,
  };
}

const ENTITY_SIZES: readonly UsptoEntitySize[] = ['large', 'small', 'micro'];

function compileUspto(s: UsptoMaintenanceFeeSchedule, index: number): CompiledUspto {
  if (s.stages.length !== USPTO_MAINTENANCE_STAGES.length) {
    throw invalid(
      `${s.version} must list ${USPTO_MAINTENANCE_STAGES.length} maintenance fee stages`,
    );
  }
  for (const e of ENTITY_SIZES) {
    s.stages.forEach((stage, i) => checkAmount(stage.amounts[e], `${s.version} stage ${i} ${e}`));
    checkAmount(s.gracePeriodSurcharge[e], `${s.version} surcharge ${e}`);
  }
  if (!Number.isInteger(s.graceMonths) || s.graceMonths < 0)
    throw invalid(`${s.version} graceMonths must be whole months`);
  return { source: s, index, from: toDateInt(s.effectiveFrom) };
}

function compileEpo(s: EpoRenewalFeeSchedule, index: number): CompiledEpo {
  const lastYear = checkBands(s.bands, 3, s.version);
  const amount: (bigint | undefined)[] = [];
  for (const b of s.bands) {
    checkAmount(b.amount, `${s.version} amount`);
    for (let y = b.fromYear; y <= b.toYear; y++) amount[y] = b.amount;
  }
  if (
    !Number.isInteger(s.lateAdditionalFeeBp) ||
    s.lateAdditionalFeeBp < 0 ||
    !Number.isInteger(s.graceMonths)
  ) {
    throw invalid(`${s.version} late additional fee must be basis points and whole months`);
  }
  return { source: s, index, from: toDateInt(s.effectiveFrom), amount, lastYear };
}

const cache = new WeakMap<FeeSchedules, CompiledSchedules>();

/** Validates a set of schedules and prepares it for the engine; cached per object. */
export function compileFeeSchedules(schedules: FeeSchedules): CompiledSchedules {
  const hit = cache.get(schedules);
  if (hit) return hit;
  checkHead('jpoAnnual', schedules.jpoAnnual, 'JPO');
  checkHead('jpoReductions', schedules.jpoReductions, 'JPO');
  checkHead('usptoMaintenance', schedules.usptoMaintenance, 'USPTO');
  checkHead('epoRenewal', schedules.epoRenewal, 'EPO');
  const compiled: CompiledSchedules = {
    jpoAnnual: schedules.jpoAnnual.map((s, i) => compileJpoAnnual(s, i)),
    jpoReductions: schedules.jpoReductions.map((s, i) => compileJpoReductions(s, i)),
    uspto: schedules.usptoMaintenance.map((s, i) => compileUspto(s, i)),
    epo: schedules.epoRenewal.map((s, i) => compileEpo(s, i)),
  };
  cache.set(schedules, compiled);
  return compiled;
}

/** The latest version in force on `date` (versions are sorted by `from`), or null if none yet. */
export function versionOn<T extends { from: DateInt }>(
  versions: readonly T[],
  date: DateInt,
): T | null {
  for (let i = versions.length - 1; i >= 0; i--) {
    if (versions[i].from <= date) return versions[i];
  }
  return null;
}

export function requireVersionOn<T extends { from: DateInt; source: { version: string } }>(
  versions: readonly T[],
  date: DateInt,
  what: string,
): T {
  const found = versionOn(versions, date);
  if (!found) {
    throw DomainError.unprocessable(
      FeeErrorCode.NO_SCHEDULE,
      `no ${what} fee schedule is in force on ${fromDateInt(date)}`,
      {
        schedule: what,
        date: fromDateInt(date),
      },
    );
  }
  return found;
}

/**
 * The schedule version in force on a date: the latest whose `effectiveFrom` is on or before
 * it. Dates after the last known change use the latest version (a forecast cannot know future
 * fee changes); dates before the first version have no schedule and fail.
 */
export function scheduleInForceOn<T extends { effectiveFrom: LocalDate; version: string }>(
  versions: readonly T[],
  date: LocalDate,
): T {
  assertLocalDate(date, 'date');
  let found: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom <= date && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  }
  if (!found) {
    throw DomainError.unprocessable(
      FeeErrorCode.NO_SCHEDULE,
      `no fee schedule is in force on ${date}`,
      { date },
    );
  }
  return found;
}

export function reductionRuleOf(
  reductions: CompiledJpoReductions | null,
  category: JpoReductionCategory | undefined,
): CompiledReductionRule | null {
  if (category === undefined) return null;
  const rule = reductions?.rules.get(category);
  if (!rule) {
    throw DomainError.unprocessable(
      FeeErrorCode.UNKNOWN_REDUCTION_CATEGORY,
      `reduction category ${category} is not in the JPO reduction schedule in force`,
      { category },
    );
  }
  return rule;
}
