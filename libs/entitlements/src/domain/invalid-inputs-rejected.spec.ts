import { DomainError } from '@app/kernel';
import { decideRight } from './decide-right.calculator';
import { CommitteeDecision, MemberClassOutcome } from './entitlement.types';
import { computeMemberClasses } from './member-class.calculator';
import {
  FY_START_MONTH,
  KAEDE,
  OTHER_PROJECT,
  POLICY_V1,
  PROJECT,
  SAKURA,
  TODAY,
  backgroundAsset,
  contribution,
  foregroundAsset,
  member,
  policyVersion,
} from './scenario.fixtures';

function expectCode(fn: () => unknown, code: string) {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).kind).toBe('validation');
}

// Inputs that would give a wrong answer silently are refused with a stable code.
describe('the entitlement engine refuses inconsistent inputs', () => {
  const classOf = (organisationId = KAEDE): MemberClassOutcome =>
    computeMemberClasses({
      organisationId,
      contributions: [contribution(organisationId, PROJECT, 2026, 1_000_000n)],
      policyVersions: [POLICY_V1],
      asOf: TODAY,
      fiscalYearStartMonth: FY_START_MONTH,
    }).outcomes[0];
  const base = {
    date: TODAY,
    purpose: 'commercial' as const,
    asset: foregroundAsset(),
    member: member(KAEDE),
    memberClass: classOf(),
    policy: POLICY_V1,
  };

  it('refuses a negative contribution', () => {
    expectCode(
      () =>
        computeMemberClasses({
          organisationId: KAEDE,
          contributions: [contribution(KAEDE, PROJECT, 2026, -1n)],
          policyVersions: [POLICY_V1],
          asOf: TODAY,
          fiscalYearStartMonth: FY_START_MONTH,
        }),
      'ENTITLEMENT.INVALID_CONTRIBUTION',
    );
  });

  it('refuses a class for another project, member or policy version', () => {
    expectCode(
      () => decideRight({ ...base, asset: foregroundAsset({ projectId: OTHER_PROJECT }) }),
      'ENTITLEMENT.CLASS_SCOPE_MISMATCH',
    );
    expectCode(
      () => decideRight({ ...base, memberClass: classOf(SAKURA) }),
      'ENTITLEMENT.CLASS_SCOPE_MISMATCH',
    );
    expectCode(
      () => decideRight({ ...base, policy: policyVersion(2, '2026-10-01') }),
      'ENTITLEMENT.POLICY_MISMATCH',
    );
  });

  it('refuses a policy version that is not yet in force on the date', () => {
    expectCode(
      () => decideRight({ ...base, memberClass: null, policy: policyVersion(2, '2027-04-01') }),
      'ENTITLEMENT.POLICY_MISMATCH',
    );
  });

  it('refuses owner shares outside 0..10000 bp', () => {
    expectCode(
      () =>
        decideRight({
          ...base,
          asset: foregroundAsset({ owners: [{ organisationId: KAEDE, shareBp: 10_001 }] }),
        }),
      'ENTITLEMENT.INVALID_OWNER_SHARE',
    );
  });

  it.each([
    [{ right: 'discounted' }],
    [{ right: 'discounted', discountBp: 10_000 }],
    [{ right: 'standard', discountBp: 1000 }],
    [{ right: 'committee_decides' }],
  ])('refuses committee terms %p', (terms) => {
    const decision = {
      id: 'd',
      decidedOn: '2026-12-01',
      holderAccepted: true,
      terms,
    } as unknown as CommitteeDecision;
    expectCode(
      () =>
        decideRight({
          ...base,
          asset: backgroundAsset(),
          memberClass: null,
          committeeDecisions: [decision],
        }),
      'ENTITLEMENT.INVALID_COMMITTEE_TERMS',
    );
  });

  it('refuses a malformed date', () => {
    expectCode(() => decideRight({ ...base, date: '2027-02-30' }), 'VALIDATION.INVALID_DATE');
  });
});
