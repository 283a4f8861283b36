import { LocalDate, Yen, addDays, fiscalYearOf, fiscalYearRange } from '@app/kernel';
import { Benefit, ClassWindow } from '@app/platform/policy-terms';
import { decideRight, withComputedAt } from './decide-right.calculator';
import { EntitlementRule, RuleDecision, firstApplicableRule } from './entitlement-rules';
import {
  AssetFacts,
  CommitteeDecision,
  ContributionRef,
  DecideRightInput,
  Entitlement,
  MemberClassOutcome,
  MemberClassification,
  MemberKind,
  MembershipPeriod,
  OwnerShareFact,
  PolicyRef,
  ProjectKind,
  Purpose,
} from './entitlement.types';
import { RightsSituation, assess } from './rights-situation';

// ---------------------------------------------------------------------------------------------
// Rights key: what an answer depends on, without who asks or which asset
// ---------------------------------------------------------------------------------------------

const flag = (b: boolean | null) => (b === null ? '-' : b ? '1' : '0');

/**
 * A canonical string of a check's situation. Checks with equal keys get the same right, discount,
 * rule and text (`decideSituation` looks at nothing else), so members × assets collapse to a
 * handful of keys: a recompute can decide once per key.
 */
export function rightsKey(s: RightsSituation): string {
  const c = s.memberClass;
  const committee =
    s.committee.state === 'decided'
      ? `decided:${s.committee.right}:${s.committee.discountBp ?? '-'}`
      : s.committee.state;
  return [
    `purpose=${s.purpose}`,
    `owner=${flag(s.owner)}`,
    `member=${flag(s.memberActive)}`,
    `domestic=${flag(s.domestic)}`,
    `commons=${flag(s.researchCommons)}`,
    `origin=${s.origin}`,
    `project=${s.projectKind ?? '-'}`,
    `pooled=${flag(s.pooled)}`,
    `participant=${flag(s.participant)}`,
    `class=${c ? `${c.code ?? '-'}:${c.benefit}:${c.discountBp ?? '-'}` : '-'}`,
    `consent=${flag(s.holderConsentsToResearchUse)}`,
    `committee=${committee}`,
  ].join('|');
}

/** The rule and its decision for a situation alone (no identities: nothing for the reason's refs). */
export function decideSituation(s: RightsSituation): {
  rule: EntitlementRule;
  decision: RuleDecision;
} {
  const rule = firstApplicableRule(s);
  return { rule, decision: rule.decide(s) };
}

/** The key of a full check (validates the input the way `decideRight` does). */
export function rightsKeyOf(input: DecideRightInput): string {
  return rightsKey(assess(input).situation);
}

/** Groups checks by rights key, in first-seen order. */
export function groupByRightsKey<T>(
  items: readonly T[],
  toInput: (item: T) => DecideRightInput,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = rightsKeyOf(toInput(item));
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Stored pieces
// ---------------------------------------------------------------------------------------------

/**
 * A member's class for one scope in one class segment: per (platform, member, project or
 * platform-wide, fiscal year, policy version). `projectId` null = basis platform.
 */
export interface MemberClassRow {
  platformId: string;
  organisationId: string;
  projectId: string | null;
  fiscalYear: number;
  policyVersionId: string;
  policyVersion: number;
  policyEffectiveFrom: LocalDate;
  windowKind: ClassWindow;
  fromFiscalYear: number | null;
  classCode: string | null;
  benefit: Benefit;
  discountBp: number | null;
  contributedYen: Yen;
  totalYen: Yen;
  shareBp: number;
  contributions: ContributionRef[];
}

/** An asset's rule inputs: one row per asset (owners as of the recompute). */
export interface AssetRuleRow {
  platformId: string;
  assetId: string;
  origin: 'foreground' | 'background';
  projectId: string | null;
  projectKind: ProjectKind | null;
  holderOrganisationId: string | null;
  holderConsentsToResearchUse: boolean | null;
  pooled: boolean;
  researchCommons: boolean;
  owners: OwnerShareFact[];
}

export function toMemberClassRows(
  platformId: string,
  classification: MemberClassification,
): MemberClassRow[] {
  return classification.outcomes.map((o) => ({
    platformId,
    organisationId: o.organisationId,
    projectId: o.scope.basis === 'project' ? o.scope.projectId : null,
    fiscalYear: o.fiscalYear,
    policyVersionId: o.policy.id,
    policyVersion: o.policy.version,
    policyEffectiveFrom: o.policy.effectiveFrom,
    windowKind: o.window.kind,
    fromFiscalYear: o.window.fromFiscalYear,
    classCode: o.classCode,
    benefit: o.benefit,
    discountBp: o.discountBp,
    contributedYen: o.contributedYen,
    totalYen: o.totalYen,
    shareBp: o.shareBp,
    contributions: o.contributions,
  }));
}

export function fromMemberClassRow(row: MemberClassRow): MemberClassOutcome {
  return {
    organisationId: row.organisationId,
    scope:
      row.projectId === null
        ? { basis: 'platform' }
        : { basis: 'project', projectId: row.projectId },
    classCode: row.classCode,
    benefit: row.benefit,
    discountBp: row.discountBp,
    contributedYen: row.contributedYen,
    totalYen: row.totalYen,
    shareBp: row.shareBp,
    contributions: row.contributions,
    fiscalYear: row.fiscalYear,
    window: {
      kind: row.windowKind,
      fromFiscalYear: row.fromFiscalYear,
      toFiscalYear: row.fiscalYear,
    },
    policy: {
      id: row.policyVersionId,
      version: row.policyVersion,
      effectiveFrom: row.policyEffectiveFrom,
    },
  };
}

export function toAssetRuleRow(platformId: string, asset: AssetFacts): AssetRuleRow {
  const fg = asset.origin === 'foreground';
  return {
    platformId,
    assetId: asset.assetId,
    origin: asset.origin,
    projectId: fg ? asset.projectId : null,
    projectKind: fg ? asset.projectKind : null,
    holderOrganisationId: fg ? null : asset.holderOrganisationId,
    holderConsentsToResearchUse: fg ? null : asset.holderConsentsToResearchUse,
    pooled: asset.pooled,
    researchCommons: asset.researchCommons,
    owners: [...asset.owners],
  };
}

export function fromAssetRuleRow(row: AssetRuleRow): AssetFacts {
  const base = {
    assetId: row.assetId,
    pooled: row.pooled,
    researchCommons: row.researchCommons,
    owners: row.owners,
  };
  if (row.origin === 'foreground') {
    if (row.projectId === null || row.projectKind === null) {
      throw new Error(
        `asset rule row ${row.assetId}: foreground IP needs its project and project kind`,
      );
    }
    return {
      ...base,
      origin: 'foreground',
      projectId: row.projectId,
      projectKind: row.projectKind,
    };
  }
  if (row.holderOrganisationId === null)
    throw new Error(`asset rule row ${row.assetId}: background IP needs its holder`);
  return {
    ...base,
    origin: 'background',
    holderOrganisationId: row.holderOrganisationId,
    holderConsentsToResearchUse: row.holderConsentsToResearchUse ?? false,
  };
}

/**
 * A span of days over which a member's class cannot change: one fiscal year (contributions
 * count per fiscal year) under one policy version. A recompute stores classes per segment,
 * computed as of `from`.
 */
export interface ClassSegment {
  fiscalYear: number;
  policyVersionId: string;
  from: LocalDate;
  to: LocalDate;
}

/** The class segments of fiscal years `fromFiscalYear..toFiscalYear` (days before any policy have none). */
export function classSegments(
  policyVersions: readonly PolicyRef[],
  fromFiscalYear: number,
  toFiscalYear: number,
  fiscalYearStartMonth: number,
): ClassSegment[] {
  const versions = [...policyVersions].sort((a, b) =>
    a.effectiveFrom.localeCompare(b.effectiveFrom),
  );
  const segments: ClassSegment[] = [];
  for (let fy = fromFiscalYear; fy <= toFiscalYear; fy++) {
    const { startsOn, endsOn } = fiscalYearRange(fy, fiscalYearStartMonth);
    versions.forEach((v, i) => {
      const next = versions[i + 1];
      const from = v.effectiveFrom > startsOn ? v.effectiveFrom : startsOn;
      const until = next ? addDays(next.effectiveFrom, -1) : endsOn;
      const to = until < endsOn ? until : endsOn;
      if (from <= to) segments.push({ fiscalYear: fy, policyVersionId: v.id, from, to });
    });
  }
  return segments;
}

// ---------------------------------------------------------------------------------------------
// Answering a check from the stored pieces
// ---------------------------------------------------------------------------------------------

export interface CheckPieces {
  date: LocalDate;
  purpose: Purpose;
  fiscalYearStartMonth: number;
  asset: AssetRuleRow;
  member: {
    organisationId: string;
    kind: MemberKind;
    country: string;
    memberships: readonly MembershipPeriod[];
  };
  /** Projects the member participates in. */
  participantProjectIds: readonly string[];
  /** The member's stored class rows on the platform (any segments; the date's is picked). */
  classRows: readonly MemberClassRow[];
  /** Steering-committee decisions on the asset. */
  committeeDecisions: readonly CommitteeDecision[];
  /** The policy version in force on `date`. */
  policy: PolicyRef;
  /** When the stored pieces were computed (derived-state status); null if unknown. */
  computedAt: Date | string | null;
}

/** The member's class row that covers the asset on the date, if any. */
export function classRowFor(
  pieces: Pick<
    CheckPieces,
    'date' | 'fiscalYearStartMonth' | 'asset' | 'member' | 'classRows' | 'policy'
  >,
): MemberClassRow | null {
  if (pieces.asset.origin === 'background') return null;
  const fiscalYear = fiscalYearOf(pieces.date, pieces.fiscalYearStartMonth);
  const inSegment = pieces.classRows.filter(
    (r) =>
      r.organisationId === pieces.member.organisationId &&
      r.fiscalYear === fiscalYear &&
      r.policyVersionId === pieces.policy.id,
  );
  return (
    inSegment.find((r) => r.projectId === null) ??
    inSegment.find((r) => r.projectId === pieces.asset.projectId) ??
    null
  );
}

/** Answers (member, asset, purpose, date) from the compact pieces, with the same rules as `decideRight`. */
export function answerCheck(pieces: CheckPieces): Entitlement {
  const asset = fromAssetRuleRow(pieces.asset);
  const row = classRowFor(pieces);
  const entitlement = decideRight({
    date: pieces.date,
    purpose: pieces.purpose,
    asset,
    member: {
      ...pieces.member,
      participantOfAssetProject:
        asset.origin === 'foreground' && pieces.participantProjectIds.includes(asset.projectId),
    },
    memberClass: row ? fromMemberClassRow(row) : null,
    committeeDecisions: pieces.committeeDecisions,
    policy: pieces.policy,
  });
  return pieces.computedAt === null ? entitlement : withComputedAt(entitlement, pieces.computedAt);
}
