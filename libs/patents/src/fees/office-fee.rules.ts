import { DomainError, Yen, allocate, applyRateBp } from '@app/kernel';
import { FeeErrorCode } from './fee-errors';
import {
  CompiledEpo,
  CompiledJpoAnnual,
  CompiledJpoReductions,
  CompiledReductionRule,
  CompiledUspto,
  compileFeeSchedules,
  reductionRuleOf,
} from './fee-schedule-lookup';
import { OwnerFeeShare } from './fee-forecast.types';
import {
  EpoRenewalFeeSchedule,
  JpoAnnualFeeSchedule,
  JpoReductionCategory,
  JpoReductionSchedule,
  UsptoEntitySize,
  UsptoMaintenanceFeeSchedule,
} from './fee-schedule.types';
import { USPTO_MAINTENANCE_STAGES } from './statutory-fee-timing';

/*
 * The fee of one payment at one office. The engine calls the `compute*` functions with
 * compiled schedules and a reused output buffer; the `*Fee` functions below are the same
 * rules on plain schedules, for callers and specs that price a single payment.
 */

/** An owner with its share as a bigint, prepared once per filing. */
export interface PreparedOwner {
  ownerId: string;
  share: bigint;
  category: JpoReductionCategory | undefined;
}

/** Output of one fee computation; reused between calls so the engine allocates no objects. */
export interface ChargeBuffer {
  fee: bigint;
  amount: bigint;
  surcharge: bigint;
  /** JPO only: each owner's weight in the payable fee, for splitting it with `allocate`. */
  weights: bigint[];
  rules: (CompiledReductionRule | null)[];
}

export function newChargeBuffer(): ChargeBuffer {
  return { fee: 0n, amount: 0n, surcharge: 0n, weights: [], rules: [] };
}

/**
 * The price of a payment as the engine reports it. Payments that cost the same share one
 * `Charge` (see `ChargeCache`), so it is read-only.
 */
export interface Charge {
  /** Dense number of this price in its `ChargeCache` (one per run): an index for memo tables. */
  readonly id: number;
  readonly fee: bigint;
  readonly amount: bigint;
  readonly surcharge: bigint;
  /** amount + surcharge: what leaves the bank. */
  readonly total: bigint;
  /** JPO only: each owner's weight in the payable fee, for splitting it with `allocate`; else empty. */
  readonly weights: readonly bigint[];
}

/** A read-only copy of what a `compute*Charge` function left in its buffer. */
export function chargeOf(buffer: ChargeBuffer, id: number): Charge {
  return {
    id,
    fee: buffer.fee,
    amount: buffer.amount,
    surcharge: buffer.surcharge,
    total: buffer.amount + buffer.surcharge,
    weights: buffer.weights.slice(),
  };
}

/** Per-year JPO fee before reductions: base + perClaim × claims for the year's band. */
export function jpoYearFee(annual: CompiledJpoAnnual, year: number, claims: bigint): Yen {
  return annual.base[year] + annual.perClaim[year] * claims;
}

/**
 * JPO annual fee for years yearFrom..yearTo paid in one payment.
 *
 * Each year is priced on its own and the years are then added up (JPO Q&A 問13: 単年分を
 * 計算し、その後、納付する年数分を合計). For one year the payable fee is
 *   fee × Σ_owners (share × owner's reduction factor), rounded DOWN to whole 10 yen
 * (Patent Act Art. 107(3)-(4)); with no reduction it is the fee itself. The owners' weights
 * (fee × share × factor, summed over the years) are what `allocate` later splits the payment
 * by, so each owner's part carries that owner's own reduction and the parts sum exactly.
 */
export function computeJpoCharge(
  annual: CompiledJpoAnnual,
  reductions: CompiledJpoReductions | null,
  owners: readonly PreparedOwner[],
  claims: bigint,
  yearFrom: number,
  yearTo: number,
  surchargeBp: number,
  out: ChargeBuffer,
): void {
  const n = owners.length;
  const { weights, rules } = out;
  weights.length = n;
  rules.length = n;
  for (let i = 0; i < n; i++) {
    weights[i] = 0n;
    rules[i] = reductionRuleOf(reductions, owners[i].category);
  }
  const fullWeight = reductions ? reductions.fullWeight : 1n;
  const wholeWeight = reductions ? reductions.wholeWeight : 10_000n;
  const unit = reductions ? reductions.unit : 1n;
  let fee = 0n;
  let amount = 0n;
  for (let year = yearFrom; year <= yearTo; year++) {
    const yearFee = annual.base[year] + annual.perClaim[year] * claims;
    fee += yearFee;
    let yearWeight = 0n;
    for (let i = 0; i < n; i++) {
      const rule = rules[i];
      const w =
        owners[i].share *
        (rule !== null && year >= rule.fromYear && year <= rule.toYear
          ? rule.reducedWeight
          : fullWeight);
      weights[i] += yearFee * w;
      yearWeight += w;
    }
    amount +=
      yearWeight === wholeWeight ? yearFee : ((yearFee * yearWeight) / wholeWeight / unit) * unit;
  }
  out.fee = fee;
  out.amount = amount;
  out.surcharge = surchargeBp > 0 ? applyRateBp(amount, surchargeBp) : 0n;
}

/** USPTO maintenance fee of stage 0, 1 or 2 (3.5, 7.5, 11.5 years) at an entity size. */
export function computeUsptoCharge(
  schedule: CompiledUspto,
  stage: number,
  entity: UsptoEntitySize,
  late: boolean,
  out: ChargeBuffer,
): void {
  const s = schedule.source;
  out.fee = s.stages[stage].amounts.large;
  out.amount = s.stages[stage].amounts[entity];
  out.surcharge = late ? s.gracePeriodSurcharge[entity] : 0n;
  out.weights.length = 0;
}

/** EPO renewal fee for a renewal year; paid late it carries the 50% additional fee. */
export function computeEpoCharge(
  schedule: CompiledEpo,
  year: number,
  late: boolean,
  out: ChargeBuffer,
): void {
  const amount = schedule.amount[year];
  if (amount === undefined) {
    throw DomainError.unprocessable(
      FeeErrorCode.NO_SCHEDULE,
      `${schedule.source.version} has no renewal fee for year ${year}`,
      { year },
    );
  }
  out.fee = amount;
  out.amount = amount;
  out.surcharge = late ? applyRateBp(amount, schedule.source.lateAdditionalFeeBp) : 0n;
  out.weights.length = 0;
}

/** Splits a JPO payment between owners by their weights; the parts always sum to `total`. */
export function splitByWeights(
  total: bigint,
  owners: readonly PreparedOwner[],
  weights: readonly bigint[],
): OwnerFeeShare[] {
  const parts = total === 0n ? owners.map(() => 0n) : allocate(total, weights);
  return owners.map((o, i) => ({ ownerId: o.ownerId, amount: parts[i] }));
}

export interface FeeCharge {
  fee: bigint;
  amount: bigint;
  surcharge: bigint;
  total: bigint;
}

export interface JpoFeeCharge extends FeeCharge {
  ownerSplit: OwnerFeeShare[];
}

export interface JpoFeeRequest {
  annual: JpoAnnualFeeSchedule;
  reductions?: JpoReductionSchedule | null;
  yearFrom: number;
  yearTo: number;
  claimsCount: number;
  owners: readonly { ownerId: string; shareBp: number; jpoReduction?: JpoReductionCategory }[];
  late?: boolean;
}

function assertYears(yearFrom: number, yearTo: number, maxYear: number, firstYear: number) {
  if (
    !Number.isInteger(yearFrom) ||
    !Number.isInteger(yearTo) ||
    yearFrom < firstYear ||
    yearTo < yearFrom ||
    yearTo > maxYear
  ) {
    throw DomainError.validation(
      FeeErrorCode.INVALID_FILING,
      `fee years must lie within ${firstYear}..${maxYear}`,
    );
  }
}

/** Prices one JPO payment from plain schedules (see `computeJpoCharge` for the rules). */
export function jpoAnnualFee(request: JpoFeeRequest): JpoFeeCharge {
  const compiled = compileFeeSchedules({
    jpoAnnual: [request.annual],
    jpoReductions: request.reductions ? [request.reductions] : [],
    usptoMaintenance: [],
    epoRenewal: [],
  });
  const annual = compiled.jpoAnnual[0];
  assertYears(request.yearFrom, request.yearTo, annual.maxYear, 1);
  const owners = prepareOwners(request.owners);
  if (!Number.isInteger(request.claimsCount) || request.claimsCount < 1) {
    throw DomainError.validation(
      FeeErrorCode.INVALID_FILING,
      'claimsCount must be a positive integer',
    );
  }
  const out = newChargeBuffer();
  const surchargeBp = request.late ? request.annual.lateSurcharge.rateBp : 0;
  computeJpoCharge(
    annual,
    compiled.jpoReductions[0] ?? null,
    owners,
    BigInt(request.claimsCount),
    request.yearFrom,
    request.yearTo,
    surchargeBp,
    out,
  );
  const total = out.amount + out.surcharge;
  return {
    fee: out.fee,
    amount: out.amount,
    surcharge: out.surcharge,
    total,
    ownerSplit: splitByWeights(total, owners, out.weights),
  };
}

/** Prices one USPTO maintenance fee: stage 0, 1, 2 = due at 3.5, 7.5, 11.5 years. */
export function usptoMaintenanceFee(
  schedule: UsptoMaintenanceFeeSchedule,
  stage: number,
  entity: UsptoEntitySize,
  late = false,
): FeeCharge {
  const compiled = compileFeeSchedules({
    jpoAnnual: [],
    jpoReductions: [],
    usptoMaintenance: [schedule],
    epoRenewal: [],
  });
  if (!Number.isInteger(stage) || stage < 0 || stage >= USPTO_MAINTENANCE_STAGES.length) {
    throw DomainError.validation(
      FeeErrorCode.INVALID_FILING,
      'USPTO maintenance fee stage must be 0, 1 or 2',
    );
  }
  const out = newChargeBuffer();
  computeUsptoCharge(compiled.uspto[0], stage, entity, late, out);
  return {
    fee: out.fee,
    amount: out.amount,
    surcharge: out.surcharge,
    total: out.amount + out.surcharge,
  };
}

/** Prices one EPO renewal fee for renewal year 3..20. */
export function epoRenewalFee(
  schedule: EpoRenewalFeeSchedule,
  year: number,
  late = false,
): FeeCharge {
  const compiled = compileFeeSchedules({
    jpoAnnual: [],
    jpoReductions: [],
    usptoMaintenance: [],
    epoRenewal: [schedule],
  });
  assertYears(year, year, compiled.epo[0].lastYear, 3);
  const out = newChargeBuffer();
  computeEpoCharge(compiled.epo[0], year, late, out);
  return {
    fee: out.fee,
    amount: out.amount,
    surcharge: out.surcharge,
    total: out.amount + out.surcharge,
  };
}

/** Checks owners and shares (unique ids, whole basis points adding up to 10000). */
export function prepareOwners(
  owners: readonly { ownerId: string; shareBp: number; jpoReduction?: JpoReductionCategory }[],
  filingId?: string,
): PreparedOwner[] {
  // (Array.isArray would widen a readonly array to any[].)
  if (!owners || owners.length === 0) {
    throw DomainError.validation(
      FeeErrorCode.INVALID_OWNER_SHARES,
      'a filing needs at least one owner',
      { filingId },
    );
  }
  let sum = 0;
  const seen = new Set<string>();
  const prepared: PreparedOwner[] = [];
  for (const o of owners) {
    if (typeof o.ownerId !== 'string' || o.ownerId === '' || seen.has(o.ownerId)) {
      throw DomainError.validation(
        FeeErrorCode.INVALID_OWNER_SHARES,
        'owner ids must be unique and non-empty',
        { filingId },
      );
    }
    if (!Number.isInteger(o.shareBp) || o.shareBp <= 0 || o.shareBp > 10_000) {
      throw DomainError.validation(
        FeeErrorCode.INVALID_OWNER_SHARES,
        'an owner share must be 1..10000 basis points',
        {
          filingId,
          ownerId: o.ownerId,
        },
      );
    }
    seen.add(o.ownerId);
    sum += o.shareBp;
    prepared.push({ ownerId: o.ownerId, share: BigInt(o.shareBp), category: o.jpoReduction });
  }
  if (sum !== 10_000) {
    throw DomainError.validation(
      FeeErrorCode.INVALID_OWNER_SHARES,
      `owner shares must add up to 10000 bp, got ${sum}`,
      {
        filingId,
      },
    );
  }
  return prepared;
}
