import { LocalDate } from '@app/kernel';
import {
  FeeCurrency,
  FeeSchedules,
  JpoReductionCategory,
  PatentOffice,
  UsptoEntitySize,
} from './fee-schedule.types';

/** Life cycle of one filing (DOMAIN §3): only a pending EP application or a granted patent costs fees here. */
export type FilingStatus =
  'drafted' | 'filed' | 'examination_requested' | 'granted' | 'lapsed' | 'abandoned' | 'expired';

export interface FeeForecastOwner {
  ownerId: string;
  /** Share of the patent in basis points; the shares of one filing add up to 10000. */
  shareBp: number;
  /** JPO reduction the owner is entitled to; absent = pays the full fee. */
  jpoReduction?: JpoReductionCategory;
}

export interface FeeForecastFiling {
  filingId: string;
  office: PatentOffice;
  status: FilingStatus;
  /** Filing date of the application (EPO renewal years and the 20-year term count from it). */
  filingDate: LocalDate;
  /** JPO: registration date (設定登録日); USPTO: issue date; EPO: date the mention of grant is published. */
  grantDate?: LocalDate;
  /** JPO: number of claims, which the annual fee depends on. */
  claimsCount?: number;
  owners: readonly FeeForecastOwner[];
  /** USPTO: entity status the maintenance fees are paid at. */
  usptoEntity?: UsptoEntitySize;
  /**
   * Last fee year already paid (USPTO counts years 4, 8, 12). When given, an unpaid fee whose
   * deadline has passed is forecast as a late payment with its surcharge, or reported as lapsed
   * once the grace period is over. When absent, every fee due before `asOf` counts as paid.
   */
  paidThroughYear?: number;
}

export type FeeKind = 'jpo_annual' | 'uspto_maintenance' | 'epo_renewal';

export interface OwnerFeeShare {
  ownerId: string;
  amount: bigint;
}

/** One payment the forecast expects, in the office's currency. */
export interface ForecastFeeItem {
  filingId: string;
  office: PatentOffice;
  currency: FeeCurrency;
  kind: FeeKind;
  /** Fee years the payment covers: JPO registration pays years 1..3 at once, otherwise one year. */
  yearFrom: number;
  yearTo: number;
  label: string;
  /** Deadline for paying without surcharge. */
  dueOn: LocalDate;
  /** Date the forecast assumes payment: `dueOn`, or `asOf` for an overdue fee paid late. */
  payOn: LocalDate;
  /** Last day of the grace period. */
  payableUntil: LocalDate;
  late: boolean;
  /** Japanese fiscal year of `payOn`. */
  fiscalYear: number;
  /** Official fee before any reduction. */
  fee: bigint;
  /** Fee actually payable after reductions, before any surcharge. */
  amount: bigint;
  /** Late-payment surcharge (JPO 割増特許料, USPTO grace surcharge, EPO additional fee). */
  surcharge: bigint;
  /** amount + surcharge: what leaves the bank. */
  total: bigint;
  scheduleVersion: string;
  /** JPO: `total` split between owners (each owner's part carries its own reduction); sums to `total`. */
  ownerSplit: readonly OwnerFeeShare[] | null;
}

export type CurrencyTotals = Record<FeeCurrency, bigint>;

export interface FiscalYearFeeTotals {
  fiscalYear: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  totals: CurrencyTotals;
  itemCount: number;
}

export interface ForecastWarning {
  filingId: string;
  code: 'FEES.GRACE_PERIOD_EXPIRED';
  message: string;
  year: number;
}

export interface FeeForecast {
  asOf: LocalDate;
  horizonFiscalYears: number;
  items: readonly ForecastFeeItem[];
  fiscalYears: readonly FiscalYearFeeTotals[];
  grandTotals: CurrencyTotals;
  warnings: readonly ForecastWarning[];
}

export interface FeeForecastInput {
  filings: readonly FeeForecastFiling[];
  asOf: LocalDate;
  /** Number of Japanese fiscal years to cover, starting with the one `asOf` falls in: 1..20. */
  horizonFiscalYears: number;
  /** Defaults to OFFICIAL_FEE_SCHEDULES. */
  schedules?: FeeSchedules;
}
