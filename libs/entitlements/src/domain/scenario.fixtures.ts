import { FixedClock, LocalDate, Yen, todayInJapan } from '@app/kernel';
import { DEFAULT_POLICY_TERMS, MemberClassRules } from '@app/platform/policy-terms';
import { decideRight } from './decide-right.calculator';
import {
  AssetFacts,
  BackgroundAssetFacts,
  CommitteeDecision,
  ContributionFact,
  Entitlement,
  ForegroundAssetFacts,
  MemberFacts,
  PolicyVersionTerms,
  Purpose,
} from './entitlement.types';
import { classForAsset, computeMemberClasses, policyInForce } from './member-class.calculator';

/**
 * Shared facts of the entitlement scenarios (test-only; not exported from the lib). One
 * platform, Japanese fiscal years, the DOMAIN.md §3 demo policy, a fixed clock.
 */

/** The fixed "now" of the scenarios: 2027-01-15 12:00 JST, in FY2026. */
export const CLOCK = new FixedClock(new Date('2027-01-15T03:00:00Z'));
export const TODAY: LocalDate = todayInJapan(CLOCK.now());
export const FY_START_MONTH = 4;

export const PROJECT = 'project-battery'; // cooperative (協調領域), OPERA-funded
export const OTHER_PROJECT = 'project-sensors'; // cooperative
export const INDIVIDUAL_PROJECT = 'project-kaede-only'; // individual, 100% company money

export const KAEDE = 'org-kaede-motors';
export const SAKURA = 'org-sakura-chemical';
export const HINOKI = 'org-hinoki-devices';
export const TOHOKU = 'org-tohoku-university';
export const OUTSIDER = 'org-kyushu-university'; // registered, never a member
export const FOREIGN = 'org-munich-institute'; // registered, never a member, not domestic

/** DOMAIN.md §3 defaults: basis project, cumulative, S ≥ 30% free, A ≥ 10% 50% off, B > 0 standard. */
export const DEMO_RULES: MemberClassRules = DEFAULT_POLICY_TERMS.memberClassRules;

export function policyVersion(
  version: number,
  effectiveFrom: LocalDate,
  rules: Partial<MemberClassRules> = {},
): PolicyVersionTerms {
  return {
    id: `policy-v${version}`,
    version,
    effectiveFrom,
    memberClassRules: { ...DEMO_RULES, ...rules },
  };
}

export const POLICY_V1 = policyVersion(1, '2026-04-01');

let contributionSeq = 0;
export function contribution(
  organisationId: string,
  projectId: string,
  fiscalYear: number,
  directCostYen: Yen,
  extra: Partial<ContributionFact> = {},
): ContributionFact {
  contributionSeq += 1;
  return {
    id: `c-${organisationId}-${projectId}-${fiscalYear}-${contributionSeq}`,
    organisationId,
    projectId,
    fiscalYear,
    directCostYen,
    ...extra,
  };
}

export function member(organisationId: string, facts: Partial<MemberFacts> = {}): MemberFacts {
  return {
    organisationId,
    kind: 'company',
    country: 'JP',
    memberships: [{ joinedOn: '2026-04-01', leftOn: null }],
    participantOfAssetProject: true,
    ...facts,
  };
}

export function outsider(organisationId: string, facts: Partial<MemberFacts> = {}): MemberFacts {
  return member(organisationId, {
    kind: 'university',
    memberships: [],
    participantOfAssetProject: false,
    ...facts,
  });
}

export function foregroundAsset(facts: Partial<ForegroundAssetFacts> = {}): ForegroundAssetFacts {
  return {
    assetId: 'asset-fg-electrolyte',
    origin: 'foreground',
    projectId: PROJECT,
    projectKind: 'cooperative',
    pooled: false,
    researchCommons: false,
    owners: [{ organisationId: TOHOKU, shareBp: 10_000 }],
    ...facts,
  };
}

export function backgroundAsset(facts: Partial<BackgroundAssetFacts> = {}): BackgroundAssetFacts {
  return {
    assetId: 'asset-bg-separator',
    origin: 'background',
    holderOrganisationId: HINOKI,
    holderConsentsToResearchUse: false,
    pooled: false,
    researchCommons: false,
    owners: [{ organisationId: HINOKI, shareBp: 10_000 }],
    ...facts,
  };
}

export interface Scenario {
  date?: LocalDate;
  purpose: Purpose;
  asset: AssetFacts;
  member: MemberFacts;
  /** Everyone's company contributions on the platform. */
  contributions?: readonly ContributionFact[];
  policyVersions?: readonly PolicyVersionTerms[];
  committeeDecisions?: readonly CommitteeDecision[];
}

/** The whole pure path: class on the date → class covering the asset → decideRight. */
export function entitlementFor(s: Scenario): Entitlement {
  const date = s.date ?? TODAY;
  const versions = s.policyVersions ?? [POLICY_V1];
  const classification = computeMemberClasses({
    organisationId: s.member.organisationId,
    contributions: s.contributions ?? [],
    policyVersions: versions,
    asOf: date,
    fiscalYearStartMonth: FY_START_MONTH,
  });
  return decideRight({
    date,
    purpose: s.purpose,
    asset: s.asset,
    member: s.member,
    memberClass: classForAsset(classification, s.asset),
    committeeDecisions: s.committeeDecisions ?? [],
    policy: policyInForce(versions, date),
  });
}
