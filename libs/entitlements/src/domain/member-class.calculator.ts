import { LocalDate, Yen, fiscalYearOf, sumYen } from '@app/kernel';
import { classify, versionInForce } from '@app/platform/policy-terms';
import { EntitlementErrorCode, entitlementInputError } from './entitlement-errors';
import {
  AssetFacts,
  ClassScope,
  ContributionFact,
  ContributionRef,
  MemberClassification,
  MemberClassOutcome,
  PolicyRef,
  PolicyVersionTerms,
} from './entitlement.types';

export interface MemberClassInput {
  organisationId: string;
  /**
   * Company contributions of the whole platform: everyone's, the member's included. The member's
   * own are the numerator; everyone's in the same project (or platform) and window the denominator.
   */
  contributions: readonly ContributionFact[];
  /** All versions of the platform's policy; the one in force on `asOf` sets the rules. */
  policyVersions: readonly PolicyVersionTerms[];
  asOf: LocalDate;
  fiscalYearStartMonth: number;
}

/** The policy version in force on `date`, or an error: entitlements never guess the rules. */
export function policyInForce<T extends PolicyVersionTerms>(
  versions: readonly T[],
  date: LocalDate,
): T {
  const policy = versionInForce(versions, date);
  if (!policy) {
    throw entitlementInputError(
      EntitlementErrorCode.NoPolicyInForce,
      `no policy version is in force on ${date}`,
      { date },
    );
  }
  return policy;
}

function checkContribution(c: ContributionFact): void {
  if (c.directCostYen < 0n) {
    throw entitlementInputError(
      EntitlementErrorCode.InvalidContribution,
      `contribution ${c.id} has a negative amount`,
      {
        contributionId: c.id,
      },
    );
  }
  if (!Number.isInteger(c.fiscalYear)) {
    throw entitlementInputError(
      EntitlementErrorCode.InvalidContribution,
      `contribution ${c.id} has no valid fiscal year`,
      {
        contributionId: c.id,
      },
    );
  }
}

function toRef(c: ContributionFact): ContributionRef {
  return {
    id: c.id,
    projectId: c.projectId,
    fiscalYear: c.fiscalYear,
    directCostYen: c.directCostYen,
  };
}

function shareBp(contributed: Yen, total: Yen): number {
  return total > 0n ? Number((contributed * 10_000n) / total) : 0;
}

/**
 * IP Share (DOMAIN.md §3 "Member class"): the member's class per project (basis `project`) or
 * for the platform (basis `platform`) on `asOf`, under the policy version in force that day.
 *
 * - Window `fiscal_year`: contributions of the fiscal year containing `asOf`; `cumulative`: of
 *   every fiscal year up to and including it. A contribution counts for its whole fiscal year,
 *   as in funding_shares (contributions are agreed per fiscal year, not per day).
 * - Reversed contributions and public matching money count for nothing.
 * - Thresholds are compared by `classify()` from the platform's policy terms (exact, no floats);
 *   no contribution → no class, i.e. research use only.
 */
export function computeMemberClasses(input: MemberClassInput): MemberClassification {
  const policy = policyInForce(input.policyVersions, input.asOf);
  const rules = policy.memberClassRules;
  const fiscalYear = fiscalYearOf(input.asOf, input.fiscalYearStartMonth);
  const fromFiscalYear = rules.window === 'fiscal_year' ? fiscalYear : null;
  const policyRef: PolicyRef = {
    id: policy.id,
    version: policy.version,
    effectiveFrom: policy.effectiveFrom,
  };

  input.contributions.forEach(checkContribution);
  const counted = input.contributions.filter(
    (c) =>
      !c.reversed &&
      c.sourceKind !== 'public_matching' &&
      c.directCostYen > 0n &&
      c.fiscalYear <= fiscalYear &&
      (fromFiscalYear === null || c.fiscalYear >= fromFiscalYear),
  );

  const outcome = (scope: ClassScope, pool: ContributionFact[]): MemberClassOutcome => {
    const own = pool
      .filter((c) => c.organisationId === input.organisationId)
      .sort(
        (a, b) =>
          a.fiscalYear - b.fiscalYear ||
          a.projectId.localeCompare(b.projectId) ||
          a.id.localeCompare(b.id),
      );
    const contributedYen = sumYen(own.map((c) => c.directCostYen));
    const totalYen = sumYen(pool.map((c) => c.directCostYen));
    const result = classify(rules, contributedYen, totalYen);
    return {
      organisationId: input.organisationId,
      scope,
      classCode: result?.code ?? null,
      benefit: result?.benefit ?? 'research_only',
      discountBp: result?.discountBp ?? null,
      contributedYen,
      totalYen,
      shareBp: shareBp(contributedYen, totalYen),
      contributions: own.map(toRef),
      fiscalYear,
      window: { kind: rules.window, fromFiscalYear, toFiscalYear: fiscalYear },
      policy: policyRef,
    };
  };

  let outcomes: MemberClassOutcome[];
  if (rules.basis === 'platform') {
    outcomes = [outcome({ basis: 'platform' }, counted)];
  } else {
    const projectIds = [
      ...new Set(
        counted.filter((c) => c.organisationId === input.organisationId).map((c) => c.projectId),
      ),
    ].sort();
    outcomes = projectIds.map((projectId) =>
      outcome(
        { basis: 'project', projectId },
        counted.filter((c) => c.projectId === projectId),
      ),
    );
  }

  return {
    organisationId: input.organisationId,
    asOf: input.asOf,
    fiscalYear,
    basis: rules.basis,
    policy: policyRef,
    outcomes,
  };
}

/**
 * The class that covers an asset: the platform class (basis platform), or the class for the
 * foreground asset's project (basis project). Background IP is not covered by IP Share classes.
 * `null` = no class.
 */
export function classForAsset(
  classification: MemberClassification,
  asset: AssetFacts,
): MemberClassOutcome | null {
  if (asset.origin === 'background') return null;
  if (classification.basis === 'platform') return classification.outcomes[0] ?? null;
  return (
    classification.outcomes.find(
      (o) => o.scope.basis === 'project' && o.scope.projectId === asset.projectId,
    ) ?? null
  );
}
