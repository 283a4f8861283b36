import { DomainError, LocalDate } from '@app/kernel';

/** What a member class gives on the foreground IP it covers. */
export const BENEFITS = ['free', 'discount', 'standard', 'research_only'] as const;
export type Benefit = (typeof BENEFITS)[number];

/** Whose contributions are compared: one project's company funding, or the whole platform's. */
export type ClassBasis = 'project' | 'platform';
/** Which contributions count: the fiscal year asked about, or everything up to the date. */
export type ClassWindow = 'fiscal_year' | 'cumulative';
/** A threshold is a share of company funding (basis points) or an absolute amount (yen). */
export type ThresholdKind = 'share_bp' | 'amount_yen';

export interface MemberClassRule {
  code: string;
  /** Inclusive lower bound: share in bp (0..10000) or yen, as a decimal string. */
  minimum: string;
  benefit: Benefit;
  /** Discount on the standard royalty, for `discount` benefits. */
  discountBp?: number;
}

export interface MemberClassRules {
  basis: ClassBasis;
  window: ClassWindow;
  thresholdKind: ThresholdKind;
  /** Highest class first; a member gets the first class whose minimum it reaches. */
  classes: MemberClassRule[];
}

export type CoFiledRule = 'company_pays_all' | 'by_share';

/** Who pays patent costs (DOMAIN.md §3 "Cost event", Nagoya table). */
export interface CostBearingRules {
  pooledForeground: 'ip_fund';
  coFiledWithCompany: CoFiledRule;
  multipleOwners: 'by_share';
  background: 'holder';
  /** JST rule: during a project's term its patent costs may be charged to its direct cost. */
  chargeProjectDirectCostDuringTerm: boolean;
}

export interface PolicyTerms {
  overheadRateBp: number;
  standardOverheadRateBp: number;
  memberClassRules: MemberClassRules;
  costBearingRules: CostBearingRules;
}

/**
 * DOMAIN.md §3's defaults (Tohoku budget system and the demo IP Share classes): overhead
 * raised from 10% to 20%, the increment to the IP fund; ≥30% of a project's company funding →
 * S (free), ≥10% → A (50% discount), >0 → B (standard terms); nothing → research use only.
 */
export const DEFAULT_POLICY_TERMS: PolicyTerms = {
  overheadRateBp: 2000,
  standardOverheadRateBp: 1000,
  memberClassRules: {
    basis: 'project',
    window: 'cumulative',
    thresholdKind: 'share_bp',
    classes: [
      { code: 'S', minimum: '3000', benefit: 'free' },
      { code: 'A', minimum: '1000', benefit: 'discount', discountBp: 5000 },
      { code: 'B', minimum: '0', benefit: 'standard' },
    ],
  },
  costBearingRules: {
    pooledForeground: 'ip_fund',
    coFiledWithCompany: 'company_pays_all',
    multipleOwners: 'by_share',
    background: 'holder',
    chargeProjectDirectCostDuringTerm: false,
  },
};

function invalid(field: string, message: string): DomainError {
  return DomainError.validation('POLICY.INVALID', message, { field });
}

/** Checks the rules a database CHECK cannot: ordering of classes, discount ranges, rate order. */
export function validatePolicyTerms(terms: PolicyTerms): void {
  if (terms.standardOverheadRateBp > terms.overheadRateBp) {
    throw invalid('standardOverheadRateBp', 'the standard overhead rate cannot exceed the platform overhead rate');
  }
  const rules = terms.memberClassRules;
  if (rules.classes.length === 0) throw invalid('memberClassRules.classes', 'at least one member class is required');
  const codes = new Set<string>();
  let previous: bigint | null = null;
  rules.classes.forEach((c, i) => {
    const field = `memberClassRules.classes[${i}]`;
    if (codes.has(c.code)) throw invalid(`${field}.code`, `member class ${c.code} is defined twice`);
    codes.add(c.code);
    if (!/^\d{1,19}$/.test(c.minimum)) throw invalid(`${field}.minimum`, 'minimum must be a non-negative whole number');
    const min = BigInt(c.minimum);
    if (rules.thresholdKind === 'share_bp' && min > 10_000n) {
      throw invalid(`${field}.minimum`, 'a share threshold is at most 10000 basis points');
    }
    if (previous !== null && min >= previous) {
      throw invalid(`${field}.minimum`, 'classes must be listed from the highest threshold down, without ties');
    }
    previous = min;
    if (c.benefit === 'discount') {
      if (c.discountBp === undefined || c.discountBp <= 0 || c.discountBp >= 10_000) {
        throw invalid(`${field}.discountBp`, 'a discount class needs discountBp between 1 and 9999');
      }
    } else if (c.discountBp !== undefined) {
      throw invalid(`${field}.discountBp`, 'only discount classes carry discountBp');
    }
  });
}

export interface Versioned {
  version: number;
  effectiveFrom: LocalDate;
}

/** The version in force on `date`: the latest one effective on or before it. */
export function versionInForce<T extends Versioned>(versions: readonly T[], date: LocalDate): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best;
}

export interface MemberClassResult {
  code: string;
  benefit: Benefit;
  discountBp: number | null;
}

/**
 * The class a member earns with `contribution` out of `totalCompanyFunding`. Shares are
 * compared exactly (contribution × 10000 ≥ minimum × total), so a member at exactly 30% is S.
 * No contribution → no class (research use only).
 */
export function classify(rules: MemberClassRules, contribution: bigint, totalCompanyFunding: bigint): MemberClassResult | null {
  if (contribution <= 0n) return null;
  for (const c of rules.classes) {
    const min = BigInt(c.minimum);
    const reached =
      rules.thresholdKind === 'share_bp'
        ? totalCompanyFunding > 0n && contribution * 10_000n >= min * totalCompanyFunding
        : contribution >= min;
    if (reached) return { code: c.code, benefit: c.benefit, discountBp: c.discountBp ?? null };
  }
  return null;
}
