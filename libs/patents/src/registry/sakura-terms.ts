import { RegistryProblem } from './registry-problem';

/**
 * さくらツール (MEXT's model joint-research contracts, S3): each type 0–10 fixes who owns the
 * foreground IP and what the other party may do with it. The values are data (table
 * sakura_types); these are their shapes.
 */
export const SAKURA_GROUPS = [
  'university_owned',
  'company_owned',
  'co_owned',
  'consortium',
] as const;
export type SakuraGroup = (typeof SAKURA_GROUPS)[number];

/** Who owns the foreground IP an agreement of this type produces. */
export const OWNER_RULES = ['university', 'company', 'co_owned'] as const;
export type OwnerRule = (typeof OWNER_RULES)[number];

/** What the party that does not own (alone) gets. */
export const NON_OWNER_RIGHTS = [
  'non_exclusive_licence',
  'exclusive_licence_option',
  'assignment_option',
] as const;
export type NonOwnerRight = (typeof NON_OWNER_RIGHTS)[number];

export const CONSIDERATIONS = ['free', 'paid', 'by_agreement'] as const;
export type Consideration = (typeof CONSIDERATIONS)[number];

export interface SakuraTerms {
  type: number;
  group: SakuraGroup;
  ownerRule: OwnerRule;
  /** For co-owned types: the university's share in basis points; the companies split the rest. */
  defaultUniversityShareBp: number | null;
  nonOwnerRight: NonOwnerRight;
  consideration: Consideration;
  /** For option rights: how long the option may be exercised, from filing (or creation). */
  optionPeriodMonths: number | null;
  /** Co-owned types (7–8): the co-owners consent in advance to licences to third parties. */
  priorConsentThirdPartyLicence: boolean;
  /** Co-owned types (7–8): a company wanting exclusivity pays the university a fee (不実施補償). */
  exclusivityFee: boolean;
}

export function isOptionRight(right: NonOwnerRight): boolean {
  return right === 'exclusive_licence_option' || right === 'assignment_option';
}

/** The group each type belongs to according to the seed (S3); null where the seed does not say. */
export function seedGroupOf(type: number): SakuraGroup | null {
  if (type >= 0 && type <= 3) return 'university_owned';
  if (type >= 4 && type <= 6) return 'company_owned';
  if (type === 7 || type === 8) return 'co_owned';
  return null;
}

/** The owner rule a (non-consortium) group implies. */
export function ownerRuleOfGroup(group: SakuraGroup): OwnerRule | null {
  switch (group) {
    case 'university_owned':
      return 'university';
    case 'company_owned':
      return 'company';
    case 'co_owned':
      return 'co_owned';
    case 'consortium':
      return null;
  }
}

/**
 * Rules a type's terms keep whatever an admin edits: the seed's facts (groups of 0–8, the
 * co-owned terms of 7–8), an owner rule that matches the group, a default share exactly for
 * co-owned types and an option period exactly for option rights.
 */
export function sakuraTermsProblems(t: SakuraTerms): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const seedGroup = seedGroupOf(t.type);
  if (seedGroup !== null && t.group !== seedGroup) {
    problems.push({
      field: 'group',
      code: 'SAKURA.FIXED_BY_SOURCE',
      message: `type ${t.type} is ${seedGroup} according to MEXT's tool (S3)`,
      kind: 'conflict',
    });
  }
  if ((t.type === 7 || t.type === 8) && !(t.priorConsentThirdPartyLicence && t.exclusivityFee)) {
    problems.push({
      field: t.priorConsentThirdPartyLicence ? 'exclusivityFee' : 'priorConsentThirdPartyLicence',
      code: 'SAKURA.FIXED_BY_SOURCE',
      message: `co-owned type ${t.type} carries prior consent to third-party licences and a fee for exclusivity (S3)`,
      kind: 'conflict',
    });
  }
  const impliedRule = ownerRuleOfGroup(t.group);
  if (impliedRule !== null && t.ownerRule !== impliedRule) {
    problems.push({
      field: 'ownerRule',
      code: 'SAKURA.OWNER_RULE_MISMATCH',
      message: `a ${t.group} type has owner rule ${impliedRule}`,
      kind: 'validation',
    });
  }
  if ((t.ownerRule === 'co_owned') !== (t.defaultUniversityShareBp !== null)) {
    problems.push({
      field: 'defaultUniversityShareBp',
      code: 'SAKURA.DEFAULT_SHARE',
      message: 'co-owned types have a default university share (1–9999 bp); other types have none',
      kind: 'validation',
    });
  } else if (
    t.defaultUniversityShareBp !== null &&
    !(
      Number.isInteger(t.defaultUniversityShareBp) &&
      t.defaultUniversityShareBp >= 1 &&
      t.defaultUniversityShareBp <= 9999
    )
  ) {
    problems.push({
      field: 'defaultUniversityShareBp',
      code: 'SAKURA.DEFAULT_SHARE',
      message: 'the default university share is 1–9999 basis points',
      kind: 'validation',
    });
  }
  if (isOptionRight(t.nonOwnerRight) !== (t.optionPeriodMonths !== null)) {
    problems.push({
      field: 'optionPeriodMonths',
      code: 'SAKURA.OPTION_PERIOD',
      message: 'option rights have an option period in months (1–120); licences have none',
      kind: 'validation',
    });
  }
  return problems;
}
