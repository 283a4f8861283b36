import { LocalDate } from '@app/kernel';
import { Benefit } from '@app/platform/policy-terms';
import { EntitlementErrorCode, entitlementInputError } from './entitlement-errors';
import {
  CommitteeDecision,
  CommitteeTerms,
  DecideRightInput,
  MemberClassOutcome,
  ProjectKind,
  Purpose,
} from './entitlement.types';
import { membershipActiveOn } from './membership-period';

/** The Research Patent Commons is open to domestic institutions (S2: 国内他機関). */
export const COMMONS_COUNTRY = 'JP';

export type CommitteeState =
  | { state: 'none' }
  /** Decided on or before the date, but the holder has not accepted (yet). */
  | { state: 'awaiting_holder' }
  | { state: 'decided'; right: CommitteeTerms['right']; discountBp: number | null };

/**
 * Everything the rules look at, and nothing that identifies the member or the asset: two
 * checks with equal situations get the same right from the same rule. This is what makes the
 * compact storage in `rights-storage.ts` possible.
 */
export interface RightsSituation {
  purpose: Purpose;
  owner: boolean;
  memberActive: boolean;
  domestic: boolean;
  researchCommons: boolean;
  origin: 'foreground' | 'background';
  /** Foreground only. */
  projectKind: ProjectKind | null;
  pooled: boolean;
  /** Foreground only (false for background IP). */
  participant: boolean;
  /** Foreground only: the class covering the asset; null = no class (research use only). */
  memberClass: { code: string | null; benefit: Benefit; discountBp: number | null } | null;
  /** Background only. */
  holderConsentsToResearchUse: boolean | null;
  /** Background only; `none` for foreground IP. */
  committee: CommitteeState;
}

export interface AssessedInput {
  situation: RightsSituation;
  /** The class outcome behind `situation.memberClass`. */
  classOutcome: MemberClassOutcome | null;
  /** The decision behind `situation.committee`. */
  decision: CommitteeDecision | null;
}

function checkTerms(d: CommitteeDecision): void {
  const { right, discountBp } = d.terms;
  const bad = (message: string) =>
    entitlementInputError(EntitlementErrorCode.InvalidCommitteeTerms, message, {
      committeeDecisionId: d.id,
    });
  if (!['free', 'discounted', 'standard', 'none'].includes(right)) {
    throw bad(`committee decision ${d.id} must set free, discounted, standard or none terms`);
  }
  if (right === 'discounted') {
    if (
      discountBp === undefined ||
      discountBp === null ||
      !Number.isInteger(discountBp) ||
      discountBp <= 0 ||
      discountBp >= 10_000
    ) {
      throw bad(`committee decision ${d.id}: a discount is 1..9999 basis points`);
    }
  } else if (discountBp !== undefined && discountBp !== null) {
    throw bad(`committee decision ${d.id}: only discounted terms carry discountBp`);
  }
}

/** Day from which an accepted decision's terms apply: the later of decision and acceptance. */
function appliesFrom(d: CommitteeDecision): LocalDate {
  const accepted = d.holderAcceptedOn ?? d.decidedOn;
  return accepted > d.decidedOn ? accepted : d.decidedOn;
}

/** Latest first; on the same day a decision for this member wins over a general one, then by id. */
function latest(
  decisions: CommitteeDecision[],
  day: (d: CommitteeDecision) => LocalDate,
): CommitteeDecision | null {
  const sorted = [...decisions].sort(
    (a, b) =>
      day(b).localeCompare(day(a)) ||
      Number(Boolean(b.organisationId)) - Number(Boolean(a.organisationId)) ||
      b.id.localeCompare(a.id),
  );
  return sorted[0] ?? null;
}

/**
 * Background business use: the terms of the latest decision the holder accepted on or before
 * the date; otherwise "awaiting the holder" if the committee has decided, else pending.
 */
export function committeeState(
  decisions: readonly CommitteeDecision[],
  organisationId: string,
  date: LocalDate,
): { state: CommitteeState; decision: CommitteeDecision | null } {
  decisions.forEach(checkTerms);
  const forMember = decisions.filter(
    (d) => !d.organisationId || d.organisationId === organisationId,
  );
  const accepted = latest(
    forMember.filter((d) => d.holderAccepted && appliesFrom(d) <= date),
    appliesFrom,
  );
  if (accepted) {
    return {
      state: {
        state: 'decided',
        right: accepted.terms.right,
        discountBp: accepted.terms.discountBp ?? null,
      },
      decision: accepted,
    };
  }
  const decided = latest(
    forMember.filter((d) => d.decidedOn <= date),
    (d) => d.decidedOn,
  );
  return decided
    ? { state: { state: 'awaiting_holder' }, decision: decided }
    : { state: { state: 'none' }, decision: null };
}

function checkClass(input: DecideRightInput): MemberClassOutcome | null {
  const { asset, memberClass, member, policy } = input;
  if (asset.origin === 'background' || !memberClass) return null;
  if (memberClass.organisationId !== member.organisationId) {
    throw entitlementInputError(
      EntitlementErrorCode.ClassScopeMismatch,
      'the member class belongs to another organisation',
      {
        organisationId: member.organisationId,
        classOrganisationId: memberClass.organisationId,
      },
    );
  }
  if (memberClass.scope.basis === 'project' && memberClass.scope.projectId !== asset.projectId) {
    throw entitlementInputError(
      EntitlementErrorCode.ClassScopeMismatch,
      "the member class is for another project than the asset's",
      {
        assetProjectId: asset.projectId,
        classProjectId: memberClass.scope.projectId,
      },
    );
  }
  if (memberClass.policy.id !== policy.id) {
    throw entitlementInputError(
      EntitlementErrorCode.PolicyMismatch,
      'the member class was computed under another policy version',
      {
        policyVersionId: policy.id,
        classPolicyVersionId: memberClass.policy.id,
      },
    );
  }
  if (memberClass.benefit === 'discount' && memberClass.discountBp === null) {
    throw entitlementInputError(
      EntitlementErrorCode.InvalidClass,
      `discount class ${memberClass.classCode} has no discount`,
    );
  }
  return memberClass;
}

/** Reduces a check to its situation (see `RightsSituation`), validating the inputs on the way. */
export function assess(input: DecideRightInput): AssessedInput {
  const { asset, member, date, purpose } = input;
  for (const o of asset.owners) {
    if (!Number.isInteger(o.shareBp) || o.shareBp < 0 || o.shareBp > 10_000) {
      throw entitlementInputError(
        EntitlementErrorCode.InvalidOwnerShare,
        'owner shares are 0..10000 basis points',
        {
          assetId: asset.assetId,
          organisationId: o.organisationId,
        },
      );
    }
  }
  const owner =
    asset.owners.some((o) => o.organisationId === member.organisationId && o.shareBp > 0) ||
    (asset.origin === 'background' && asset.holderOrganisationId === member.organisationId);
  const classOutcome = checkClass(input);
  const committee =
    asset.origin === 'background'
      ? committeeState(input.committeeDecisions ?? [], member.organisationId, date)
      : { state: { state: 'none' } as CommitteeState, decision: null };

  const situation: RightsSituation = {
    purpose,
    owner,
    memberActive: membershipActiveOn(member.memberships, date),
    domestic: member.country.toUpperCase() === COMMONS_COUNTRY,
    researchCommons: asset.researchCommons,
    origin: asset.origin,
    projectKind: asset.origin === 'foreground' ? asset.projectKind : null,
    pooled: asset.pooled,
    participant: asset.origin === 'foreground' && member.participantOfAssetProject,
    memberClass: classOutcome
      ? {
          code: classOutcome.classCode,
          benefit: classOutcome.benefit,
          discountBp: classOutcome.discountBp,
        }
      : null,
    holderConsentsToResearchUse:
      asset.origin === 'background' ? asset.holderConsentsToResearchUse : null,
    committee: committee.state,
  };
  return { situation, classOutcome, decision: committee.decision };
}
