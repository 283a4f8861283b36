import { assertLocalDate } from '@app/kernel';
import { EntitlementErrorCode, entitlementInputError } from './entitlement-errors';
import { firstApplicableRule } from './entitlement-rules';
import {
  ClassSummary,
  DecideRightInput,
  Entitlement,
  MemberClassOutcome,
} from './entitlement.types';
import { assess } from './rights-situation';

function summary(o: MemberClassOutcome): ClassSummary {
  return {
    code: o.classCode,
    benefit: o.benefit,
    discountBp: o.discountBp,
    scope: o.scope,
    shareBp: o.shareBp,
    contributedYen: o.contributedYen,
    totalYen: o.totalYen,
    fiscalYear: o.fiscalYear,
  };
}

/**
 * The right of a member to use an asset for a purpose on a date, with the rule that decided
 * it (see ENTITLEMENT_RULES for the table). Pure: `reason.computedAt` is left null for the
 * caller, who knows when the stored pieces were computed.
 */
export function decideRight(input: DecideRightInput): Entitlement {
  assertLocalDate(input.date, 'date');
  if (input.policy.effectiveFrom > input.date) {
    throw entitlementInputError(
      EntitlementErrorCode.PolicyMismatch,
      `policy version ${input.policy.version} is not in force on ${input.date}`,
      {
        policyVersionId: input.policy.id,
        date: input.date,
      },
    );
  }
  const { situation, classOutcome, decision } = assess(input);
  const rule = firstApplicableRule(situation);
  const d = rule.decide(situation);
  return {
    organisationId: input.member.organisationId,
    assetId: input.asset.assetId,
    purpose: input.purpose,
    date: input.date,
    right: d.right,
    discountBp: d.right === 'discounted' ? d.discountBp : null,
    reason: {
      ruleId: rule.id,
      text: d.text,
      memberClass: classOutcome ? summary(classOutcome) : null,
      contributions: d.usesClass && classOutcome ? classOutcome.contributions : [],
      committeeDecisionId: rule.id.startsWith('BACKGROUND_BUSINESS_')
        ? (decision?.id ?? null)
        : null,
      policyVersionId: input.policy.id,
      policyVersion: input.policy.version,
      computedAt: null,
    },
  };
}

/** The same entitlement, stamped with when its inputs were computed (derived-state `computedAt`). */
export function withComputedAt(entitlement: Entitlement, computedAt: Date | string): Entitlement {
  const at = typeof computedAt === 'string' ? computedAt : computedAt.toISOString();
  return { ...entitlement, reason: { ...entitlement.reason, computedAt: at } };
}
