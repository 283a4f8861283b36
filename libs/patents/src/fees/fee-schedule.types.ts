import { LocalDate } from '@app/kernel';

export type PatentOffice = 'JPO' | 'USPTO' | 'EPO';

/** Each office's fees are in its own currency, in whole units: yen, US dollars, euros. */
export type FeeCurrency = 'JPY' | 'USD' | 'EUR';

export const OFFICE_CURRENCY: Readonly<Record<PatentOffice, FeeCurrency>> = {
  JPO: 'JPY',
  USPTO: 'USD',
  EPO: 'EUR',
};

/**
 * Where a figure comes from. `verified` says whether the figure was checked against a
 * published source when the data was entered (`checkedAgainst` lists what was read); an
 * unverified figure is kept as given and must be confirmed before anyone pays with it.
 */
export interface FeeScheduleSource {
  citation: string;
  url: string;
  verified: boolean;
  checkedAgainst: readonly string[];
  note?: string;
}

/** Common head of every schedule version: which office, which currency, from when, from where. */
export interface FeeScheduleVersion<O extends PatentOffice, C extends FeeCurrency> {
  office: O;
  currency: C;
  /** Stable name of the version, reported with every fee computed from it. */
  version: string;
  /** First payment date the amounts apply to; the latest version on or before a date wins. */
  effectiveFrom: LocalDate;
  source: FeeScheduleSource;
}

/** One band of the JPO table: each year from `fromYear` to `toYear` costs base + perClaim × claims. */
export interface JpoAnnualFeeBand {
  fromYear: number;
  toYear: number;
  base: bigint;
  perClaim: bigint;
}

/** JPO annual patent fees (特許料, Patent Act Art. 107(1)). */
export interface JpoAnnualFeeSchedule extends FeeScheduleVersion<'JPO', 'JPY'> {
  bands: readonly JpoAnnualFeeBand[];
  /** Years 1..N are paid in one payment at registration (Art. 108(1)); N = 3. */
  registrationCoversYears: number;
  /**
   * Late payment (追納, Art. 112): within `graceMonths` after the deadline, with a surcharge
   * (割増特許料) of `rateBp` of the fee (10000 bp = the same amount again, i.e. double).
   */
  lateSurcharge: { graceMonths: number; rateBp: number; source: FeeScheduleSource };
}

/** Reduction categories of the JPO fee reduction regime (減免制度) an owner may claim. */
export type JpoReductionCategory = 'academic' | 'sme' | 'small_or_startup';

/** A reduction: the owner pays numerator/denominator of the fee for years fromYear..toYear. */
export interface JpoReductionRule {
  category: JpoReductionCategory;
  label: string;
  numerator: number;
  denominator: number;
  fromYear: number;
  toYear: number;
  source: FeeScheduleSource;
}

/** A version of the JPO reduction regime, with its rounding rule. */
export interface JpoReductionSchedule {
  office: 'JPO';
  version: string;
  effectiveFrom: LocalDate;
  source: FeeScheduleSource;
  /**
   * A reduced fee, or the sum of co-owners' parts (Art. 107(3)), is rounded DOWN to this unit
   * (Art. 107(4): 十円未満の端数は切り捨て), computed year by year before years are added up.
   */
  roundingUnit: bigint;
  rules: readonly JpoReductionRule[];
}

export type UsptoEntitySize = 'large' | 'small' | 'micro';

/** USPTO maintenance fees (35 U.S.C. 41(b), 37 CFR 1.20(e)–(h)). */
export interface UsptoMaintenanceFeeSchedule extends FeeScheduleVersion<'USPTO', 'USD'> {
  /** Fee per stage; stage i is due `USPTO_MAINTENANCE_STAGES[i]` after grant. */
  stages: readonly { label: string; amounts: Readonly<Record<UsptoEntitySize, bigint>> }[];
  /** Surcharge for paying within the 6-month grace period (37 CFR 1.20(h)). */
  gracePeriodSurcharge: Readonly<Record<UsptoEntitySize, bigint>>;
  graceMonths: number;
}

/** EPO renewal fees for a pending European application (Art. 86 and Rule 51 EPC, Art. 2(1) RFees). */
export interface EpoRenewalFeeSchedule extends FeeScheduleVersion<'EPO', 'EUR'> {
  /** Amount per renewal year; the last band runs to year 20. */
  bands: readonly { fromYear: number; toYear: number; amount: bigint }[];
  /** Additional fee for payment within the grace period (Rule 51(2) EPC): 50% = 5000 bp. */
  lateAdditionalFeeBp: number;
  graceMonths: number;
}

/** Every schedule version the calculator may use, per office. */
export interface FeeSchedules {
  jpoAnnual: readonly JpoAnnualFeeSchedule[];
  jpoReductions: readonly JpoReductionSchedule[];
  usptoMaintenance: readonly UsptoMaintenanceFeeSchedule[];
  epoRenewal: readonly EpoRenewalFeeSchedule[];
}
