import { RIGHTS } from './entitlement.types';
import { ENTITLEMENT_RULES } from './entitlement-rules';
import { RightsSituation } from './rights-situation';
import { decideSituation, rightsKey } from './rights-storage';

// The rules are a total function: every combination of situation facts is decided by exactly
// the first applicable rule, every rule is reachable, and the rule ids stay stable.
describe('the rule table', () => {
  const bools = [true, false];
  const classes: RightsSituation['memberClass'][] = [
    null,
    { code: 'S', benefit: 'free', discountBp: null },
    { code: 'A', benefit: 'discount', discountBp: 5000 },
    { code: 'B', benefit: 'standard', discountBp: null },
    { code: 'R', benefit: 'research_only', discountBp: null },
  ];
  const committees: RightsSituation['committee'][] = [
    { state: 'none' },
    { state: 'awaiting_holder' },
    { state: 'decided', right: 'discounted', discountBp: 2500 },
  ];
  const situations: RightsSituation[] = [];
  for (const purpose of ['research', 'commercial'] as const)
    for (const owner of bools)
      for (const memberActive of bools)
        for (const domestic of bools)
          for (const researchCommons of bools)
            for (const pooled of bools) {
              for (const projectKind of ['cooperative', 'individual'] as const)
                for (const participant of bools)
                  for (const memberClass of classes)
                    situations.push({
                      purpose,
                      owner,
                      memberActive,
                      domestic,
                      researchCommons,
                      origin: 'foreground',
                      projectKind,
                      pooled,
                      participant,
                      memberClass,
                      holderConsentsToResearchUse: null,
                      committee: { state: 'none' },
                    });
              for (const consent of bools)
                for (const committee of committees)
                  situations.push({
                    purpose,
                    owner,
                    memberActive,
                    domestic,
                    researchCommons,
                    origin: 'background',
                    projectKind: null,
                    pooled,
                    participant: false,
                    memberClass: null,
                    holderConsentsToResearchUse: consent,
                    committee,
                  });
            }

  it('keeps its rule ids and order', () => {
    expect(ENTITLEMENT_RULES.map((r) => r.id)).toEqual([
      'OWNER',
      'COMMONS_RESEARCH',
      'NOT_A_MEMBER',
      'FOREGROUND_INDIVIDUAL_PER_AGREEMENT',
      'FOREGROUND_RESEARCH_PARTICIPANT',
      'FOREGROUND_RESEARCH_POOLED_MEMBER',
      'FOREGROUND_RESEARCH_NOT_PARTICIPANT',
      'FOREGROUND_BUSINESS_CLASS_FREE',
      'FOREGROUND_BUSINESS_CLASS_DISCOUNT',
      'FOREGROUND_BUSINESS_CLASS_STANDARD',
      'FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS',
      'FOREGROUND_BUSINESS_NOT_PARTICIPANT',
      'BACKGROUND_RESEARCH_HOLDER_CONSENTS',
      'BACKGROUND_RESEARCH_HOLDER_CONSENT_NEEDED',
      'BACKGROUND_BUSINESS_COMMITTEE_TERMS',
      'BACKGROUND_BUSINESS_AWAITING_HOLDER',
      'BACKGROUND_BUSINESS_COMMITTEE_PENDING',
    ]);
  });

  it('decides every situation, with a discount exactly when the right is discounted', () => {
    const used = new Set<string>();
    for (const s of situations) {
      const { rule, decision } = decideSituation(s);
      used.add(rule.id);
      expect(RIGHTS).toContain(decision.right);
      expect(decision.discountBp !== null).toBe(decision.right === 'discounted');
      expect(decision.text.length).toBeGreaterThan(0);
    }
    expect([...used].sort()).toEqual(ENTITLEMENT_RULES.map((r) => r.id).sort());
  });

  it('never grants business use through the commons, nor anything to a non-member non-owner outside the commons', () => {
    const outsiders = situations.filter(
      (s) =>
        !s.owner &&
        !s.memberActive &&
        !(s.purpose === 'research' && s.researchCommons && s.domestic),
    );
    expect(outsiders.length).toBeGreaterThan(0);
    expect(new Set(outsiders.map((s) => decideSituation(s).decision.right))).toEqual(
      new Set(['none']),
    );
  });

  it('gives distinct situations distinct keys', () => {
    expect(new Set(situations.map(rightsKey)).size).toBe(situations.length);
  });
});
