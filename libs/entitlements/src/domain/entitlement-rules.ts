import { Right } from './entitlement.types';
import { RightsSituation } from './rights-situation';

export interface RuleDecision {
  right: Right;
  discountBp: number | null;
  text: string;
  /** The member class decided the answer: its contributions go into the reason. */
  usesClass: boolean;
}

export interface EntitlementRule {
  id: string;
  /** The condition in words (the rule table in docs and reports). */
  when: string;
  applies(s: RightsSituation): boolean;
  decide(s: RightsSituation): RuleDecision;
}

const give = (
  right: Right,
  text: string,
  usesClass = false,
  discountBp: number | null = null,
): RuleDecision => ({
  right,
  discountBp,
  text,
  usesClass,
});

const fg = (s: RightsSituation) => s.origin === 'foreground';
const bg = (s: RightsSituation) => s.origin === 'background';
const research = (s: RightsSituation) => s.purpose === 'research';
const commercial = (s: RightsSituation) => s.purpose === 'commercial';
const cooperativeFg = (s: RightsSituation) => fg(s) && s.projectKind === 'cooperative';
const classLabel = (s: RightsSituation) =>
  s.memberClass?.code ? `class ${s.memberClass.code}` : 'no class';

/**
 * The entitlement rules, in the order they are tried; the first that applies decides.
 * Sources: DOMAIN.md §1 (Tohoku IP Pool / IP Share, Nagoya HMHS table), §3 (member class,
 * entitlement), §4 (Research Patent Commons). Rule ids are stable: they are stored in reasons.
 */
export const ENTITLEMENT_RULES = [
  {
    id: 'OWNER',
    when: 'the member owns a share of the asset, or is the holder of the background IP',
    applies: (s) => s.owner,
    decide: () =>
      give(
        'free',
        'Owners (and the holder of background IP) use their own IP freely, for research and business.',
      ),
  },
  {
    id: 'COMMONS_RESEARCH',
    when: 'research use of a Research Patent Commons asset by a domestic institution, member or not',
    applies: (s) => research(s) && s.researchCommons && s.domestic,
    decide: () =>
      give(
        'free',
        'The asset is in the Research Patent Commons: any domestic institution may use it for research, free, without a licence.',
      ),
  },
  {
    id: 'NOT_A_MEMBER',
    when: 'the organisation is not a member of the platform on the date',
    applies: (s) => !s.memberActive,
    decide: () => give('none', 'The organisation is not a member of the platform on this date.'),
  },
  {
    // Nagoya table, "Individual research" column: 100% company money, every use is per agreement.
    id: 'FOREGROUND_INDIVIDUAL_PER_AGREEMENT',
    when: 'foreground IP of an individual (100% company-funded) research project, any purpose',
    applies: (s) => fg(s) && s.projectKind === 'individual',
    decide: () =>
      give(
        'committee_decides',
        'Foreground IP of an individual research project: use is set per agreement, not by the consortium rules.',
      ),
  },
  {
    // Nagoya: "research inside the consortium: no enforcement against participants".
    id: 'FOREGROUND_RESEARCH_PARTICIPANT',
    when: "research use of cooperative foreground IP by a participant of the asset's project",
    applies: (s) => research(s) && cooperativeFg(s) && s.participant,
    decide: () =>
      give(
        'free',
        'Research inside the consortium: no enforcement against participants of the project.',
      ),
  },
  {
    // Our decision (DOMAIN.md is silent on members outside the project): the Tohoku IP Pool
    // accumulates pooled IP for the whole platform, so members may research with pooled
    // foreground IP freely; non-pooled foreground IP stays with the project's participants.
    id: 'FOREGROUND_RESEARCH_POOLED_MEMBER',
    when: "research use of pooled cooperative foreground IP by a member outside the asset's project",
    applies: (s) => research(s) && cooperativeFg(s) && s.pooled,
    decide: () =>
      give(
        'free',
        'Research inside the consortium with pooled IP: free for every member of the platform.',
      ),
  },
  {
    id: 'FOREGROUND_RESEARCH_NOT_PARTICIPANT',
    when: "research use of non-pooled cooperative foreground IP by a member outside the asset's project",
    applies: (s) => research(s) && cooperativeFg(s),
    decide: () =>
      give(
        'none',
        'The asset is not pooled and the member is not a participant of its project: no research right without a licence.',
      ),
  },
  {
    // Nagoya: "business use: licence to participants in principle", on IP Share class terms.
    id: 'FOREGROUND_BUSINESS_CLASS_FREE',
    when: 'business use of cooperative foreground IP by a participant whose class gives a free licence',
    applies: (s) =>
      commercial(s) && cooperativeFg(s) && s.participant && s.memberClass?.benefit === 'free',
    decide: (s) =>
      give(
        'free',
        `Licence to participants; ${classLabel(s)} (IP Share) gives a free licence.`,
        true,
      ),
  },
  {
    id: 'FOREGROUND_BUSINESS_CLASS_DISCOUNT',
    when: 'business use of cooperative foreground IP by a participant whose class gives a discount',
    applies: (s) =>
      commercial(s) && cooperativeFg(s) && s.participant && s.memberClass?.benefit === 'discount',
    decide: (s) =>
      give(
        'discounted',
        `Licence to participants; ${classLabel(s)} (IP Share) gives ${(s.memberClass?.discountBp ?? 0) / 100}% off the standard royalty.`,
        true,
        s.memberClass?.discountBp ?? null,
      ),
  },
  {
    id: 'FOREGROUND_BUSINESS_CLASS_STANDARD',
    when: 'business use of cooperative foreground IP by a participant whose class gives standard terms',
    applies: (s) =>
      commercial(s) && cooperativeFg(s) && s.participant && s.memberClass?.benefit === 'standard',
    decide: (s) =>
      give(
        'standard',
        `Licence to participants; ${classLabel(s)} (IP Share): standard terms, guaranteed licence.`,
        true,
      ),
  },
  {
    // The brief's decision: a participant without a class (or with a research-only class) still
    // gets the Nagoya "licence in principle", on standard terms, like IP Share's class B.
    id: 'FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS',
    when: 'business use of cooperative foreground IP by a participant with no class, or a research-only class',
    applies: (s) => commercial(s) && cooperativeFg(s) && s.participant,
    decide: (s) =>
      give(
        'standard',
        `Licence to participants in principle, on standard terms (${classLabel(s)}: no IP Share benefit).`,
        true,
      ),
  },
  {
    id: 'FOREGROUND_BUSINESS_NOT_PARTICIPANT',
    when: "business use of cooperative foreground IP by a member outside the asset's project",
    applies: (s) => commercial(s) && cooperativeFg(s),
    decide: () =>
      give(
        'committee_decides',
        "The member is not a participant of the asset's project: a licence is decided case by case.",
      ),
  },
  {
    // Nagoya: "research inside the consortium: no enforcement against participants if the holder accepts".
    id: 'BACKGROUND_RESEARCH_HOLDER_CONSENTS',
    when: 'research use of background IP whose holder accepts research use inside the consortium',
    applies: (s) => research(s) && bg(s) && s.holderConsentsToResearchUse === true,
    decide: () =>
      give(
        'free',
        'Background IP: the holder accepts research use inside the consortium, so it is free.',
      ),
  },
  {
    id: 'BACKGROUND_RESEARCH_HOLDER_CONSENT_NEEDED',
    when: 'research use of background IP whose holder has not accepted research use',
    applies: (s) => research(s) && bg(s),
    decide: () =>
      give('holder_consent_needed', 'Background IP: research use needs the holder’s consent.'),
  },
  {
    // Nagoya: "business use: licence if possible; terms decided by the steering committee,
    // which the holder respects".
    id: 'BACKGROUND_BUSINESS_COMMITTEE_TERMS',
    when: 'business use of background IP after a steering-committee decision the holder accepted (on or before the date)',
    applies: (s) => commercial(s) && bg(s) && s.committee.state === 'decided',
    decide: (s) => {
      const c = s.committee.state === 'decided' ? s.committee : null;
      const right = c?.right ?? 'none';
      const terms =
        right === 'discounted' ? `discounted, ${(c?.discountBp ?? 0) / 100}% off` : right;
      return give(
        right,
        `Background IP: terms set by the steering committee and accepted by the holder (${terms}).`,
        false,
        c?.discountBp ?? null,
      );
    },
  },
  {
    id: 'BACKGROUND_BUSINESS_AWAITING_HOLDER',
    when: 'business use of background IP: the committee has decided, the holder has not accepted (by the date)',
    applies: (s) => commercial(s) && bg(s) && s.committee.state === 'awaiting_holder',
    decide: () =>
      give(
        'committee_decides',
        "Background IP: the steering committee's terms await the holder's acceptance.",
      ),
  },
  {
    id: 'BACKGROUND_BUSINESS_COMMITTEE_PENDING',
    when: 'business use of background IP with no steering-committee decision on or before the date',
    applies: (s) => commercial(s) && bg(s),
    decide: () =>
      give(
        'committee_decides',
        'Background IP: business terms are decided by the steering committee.',
      ),
  },
] as const satisfies readonly EntitlementRule[];

export type RuleId = (typeof ENTITLEMENT_RULES)[number]['id'];

/** The first rule that applies. Every situation is covered: the last rules of each branch always apply. */
export function firstApplicableRule(s: RightsSituation): EntitlementRule {
  const rule = (ENTITLEMENT_RULES as readonly EntitlementRule[]).find((r) => r.applies(s));
  if (!rule) throw new Error(`no entitlement rule covers ${JSON.stringify(s)}`);
  return rule;
}
