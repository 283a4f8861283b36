import { DomainError } from '@app/kernel';
import { computeMemberClasses } from './member-class.calculator';
import { classSegments } from './rights-storage';
import {
  FY_START_MONTH,
  KAEDE,
  POLICY_V1,
  PROJECT,
  SAKURA,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
  policyVersion,
} from './scenario.fixtures';

// The policy is versioned with effective dates: "what were the rules on 2027-01-15?" must stay
// answerable. Version 2, effective 2027-10-01, raises S to 40% and A to 20% (30% off).
// Kaede pays 35% of the project's company funding in FY2027 (cumulative window).
describe('a policy change with an effective date moves the class thresholds', () => {
  const v2 = policyVersion(2, '2027-10-01', {
    classes: [
      { code: 'S', minimum: '4000', benefit: 'free' },
      { code: 'A', minimum: '2000', benefit: 'discount', discountBp: 3000 },
      { code: 'B', minimum: '0', benefit: 'standard' },
    ],
  });
  const versions = [POLICY_V1, v2];
  const contributions = [
    contribution(KAEDE, PROJECT, 2027, 35_000_000n),
    contribution(SAKURA, PROJECT, 2027, 65_000_000n),
  ];
  const check = (date: string) =>
    entitlementFor({
      date,
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member(KAEDE),
      contributions,
      policyVersions: versions,
    });

  it('keeps version 1 (S at 30%) up to the day before', () => {
    const e = check('2027-09-30');
    expect(e).toMatchObject({
      right: 'free',
      reason: { policyVersionId: 'policy-v1', policyVersion: 1, memberClass: { code: 'S' } },
    });
  });

  it('applies version 2 (S at 40%) from its effective date: 35% is now A, 30% off', () => {
    const e = check('2027-10-01');
    expect(e).toMatchObject({
      right: 'discounted',
      discountBp: 3000,
      reason: { policyVersionId: 'policy-v2', policyVersion: 2, memberClass: { code: 'A' } },
    });
  });

  it('answers history with the rules of the time, although version 2 exists', () => {
    const classes = computeMemberClasses({
      organisationId: KAEDE,
      contributions,
      policyVersions: versions,
      asOf: '2027-04-01',
      fiscalYearStartMonth: FY_START_MONTH,
    });
    expect(classes.policy.version).toBe(1);
    expect(classes.outcomes[0].classCode).toBe('S');
  });

  it('splits FY2027 into two class segments at the effective date', () => {
    expect(classSegments(versions, 2026, 2027, FY_START_MONTH)).toEqual([
      { fiscalYear: 2026, policyVersionId: 'policy-v1', from: '2026-04-01', to: '2027-03-31' },
      { fiscalYear: 2027, policyVersionId: 'policy-v1', from: '2027-04-01', to: '2027-09-30' },
      { fiscalYear: 2027, policyVersionId: 'policy-v2', from: '2027-10-01', to: '2028-03-31' },
    ]);
  });

  it('refuses a date before any policy version', () => {
    let error: unknown;
    try {
      check('2026-03-31');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ENTITLEMENT.NO_POLICY_IN_FORCE');
  });
});
