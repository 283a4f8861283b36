import { LocalDate, Yen } from '@app/kernel';
import { Benefit, ClassBasis, ClassWindow, MemberClassRules } from '@app/platform/policy-terms';

/** What the member wants to do with the asset (DOMAIN.md §3 "Entitlement"). */
export const PURPOSES = ['research', 'commercial'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const RIGHTS = [
  'free',
  'discounted',
  'standard',
  'committee_decides',
  'holder_consent_needed',
  'none',
] as const;
export type Right = (typeof RIGHTS)[number];

/** Organisation kinds, as in libs/membership (repeated here: that lib's entity imports TypeORM). */
export type MemberKind = 'university' | 'research_agency' | 'company' | 'tlo';

export type ProjectKind = 'cooperative' | 'individual';

/** The policy version the answer was computed under: `PolicyVersion` rows fit structurally. */
export interface PolicyRef {
  id: string;
  version: number;
  effectiveFrom: LocalDate;
}

export interface PolicyVersionTerms extends PolicyRef {
  memberClassRules: MemberClassRules;
}

// ---------------------------------------------------------------------------------------------
// Member class (IP Share)
// ---------------------------------------------------------------------------------------------

/**
 * One company contribution (DOMAIN.md §3 "Contribution"): organisation C funds project P in
 * fiscal year Y with direct cost D. Public matching money never counts toward a class.
 */
export interface ContributionFact {
  id: string;
  organisationId: string;
  projectId: string;
  fiscalYear: number;
  directCostYen: Yen;
  /** Reversed contributions (contribution_reversals) count for nothing. */
  reversed?: boolean;
  /** Left out = company money; `public_matching` (OPERA money) is ignored. */
  sourceKind?: 'company' | 'public_matching';
}

/** A contribution behind a class, as the reason shows it. */
export interface ContributionRef {
  id: string;
  projectId: string;
  fiscalYear: number;
  directCostYen: Yen;
}

export type ClassScope = { basis: 'project'; projectId: string } | { basis: 'platform' };

/** A member's class for one project (basis project) or for the platform (basis platform). */
export interface MemberClassOutcome {
  organisationId: string;
  scope: ClassScope;
  /** `null`: no class reached (no contribution) → research use only. */
  classCode: string | null;
  benefit: Benefit;
  discountBp: number | null;
  /** The member's counted contributions and everyone's, in the window. */
  contributedYen: Yen;
  totalYen: Yen;
  /** contributed ÷ total in basis points, truncated (display only: classify() compares exactly). */
  shareBp: number;
  contributions: ContributionRef[];
  fiscalYear: number;
  window: { kind: ClassWindow; fromFiscalYear: number | null; toFiscalYear: number };
  policy: PolicyRef;
}

export interface MemberClassification {
  organisationId: string;
  asOf: LocalDate;
  fiscalYear: number;
  basis: ClassBasis;
  policy: PolicyRef;
  /** Basis project: one per project the member counted contributions to. Basis platform: one. */
  outcomes: MemberClassOutcome[];
}

// ---------------------------------------------------------------------------------------------
// Entitlement inputs
// ---------------------------------------------------------------------------------------------

export interface OwnerShareFact {
  organisationId: string;
  shareBp: number;
}

interface AssetFactsBase {
  assetId: string;
  pooled: boolean;
  researchCommons: boolean;
  /** Owners on the date asked about (ownership versions are resolved by the caller). */
  owners: readonly OwnerShareFact[];
}

export interface ForegroundAssetFacts extends AssetFactsBase {
  origin: 'foreground';
  projectId: string;
  projectKind: ProjectKind;
}

export interface BackgroundAssetFacts extends AssetFactsBase {
  origin: 'background';
  holderOrganisationId: string;
  /** The holder accepts that members use it for research inside the consortium. */
  holderConsentsToResearchUse: boolean;
}

export type AssetFacts = ForegroundAssetFacts | BackgroundAssetFacts;

/** A membership of the platform over [joinedOn, leftOn], both days included. */
export interface MembershipPeriod {
  joinedOn: LocalDate;
  leftOn: LocalDate | null;
}

export interface MemberFacts {
  organisationId: string;
  kind: MemberKind;
  /** ISO country code (organisations.country). The research commons is for domestic institutions. */
  country: string;
  /** The organisation's membership periods on this platform; none for an outside institution. */
  memberships: readonly MembershipPeriod[];
  /** Participant of the foreground asset's project (project_participants). Ignored for background IP. */
  participantOfAssetProject: boolean;
}

/** Terms a steering-committee decision sets for a background-IP business licence. */
export interface CommitteeTerms {
  right: 'free' | 'discounted' | 'standard' | 'none';
  discountBp?: number | null;
}

export interface CommitteeDecision {
  id: string;
  decidedOn: LocalDate;
  terms: CommitteeTerms;
  holderAccepted: boolean;
  /** When the holder accepted; left out = on the decision day. */
  holderAcceptedOn?: LocalDate | null;
  /** The member the decision is for; left out or null = every member. */
  organisationId?: string | null;
}

export interface DecideRightInput {
  date: LocalDate;
  purpose: Purpose;
  asset: AssetFacts;
  member: MemberFacts;
  /** The member's class covering this asset (see `classForAsset`); null = no class. */
  memberClass: MemberClassOutcome | null;
  /** Steering-committee decisions on this asset (background business use). */
  committeeDecisions?: readonly CommitteeDecision[];
  policy: PolicyRef;
}

// ---------------------------------------------------------------------------------------------
// Entitlement output
// ---------------------------------------------------------------------------------------------

export interface ClassSummary {
  code: string | null;
  benefit: Benefit;
  discountBp: number | null;
  scope: ClassScope;
  shareBp: number;
  contributedYen: Yen;
  totalYen: Yen;
  fiscalYear: number;
}

export interface EntitlementReason {
  /** Stable id of the rule that decided, e.g. `FOREGROUND_RESEARCH_PARTICIPANT`. */
  ruleId: string;
  text: string;
  memberClass: ClassSummary | null;
  /** Contributions behind the answer: the class's, when the rule used the class; else empty. */
  contributions: ContributionRef[];
  committeeDecisionId: string | null;
  policyVersionId: string;
  policyVersion: number;
  /** When the stored pieces this answer comes from were computed; set by the caller. */
  computedAt: string | null;
}

export interface Entitlement {
  organisationId: string;
  assetId: string;
  purpose: Purpose;
  date: LocalDate;
  right: Right;
  /** Only for `discounted`: the discount on the standard royalty. */
  discountBp: number | null;
  reason: EntitlementReason;
}
