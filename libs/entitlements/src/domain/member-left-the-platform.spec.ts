import { membershipActiveOn } from './membership-period';
import {
  KAEDE,
  PROJECT,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
} from './scenario.fixtures';

// Membership runs over [joinedOn, leftOn], both days included. Kaede (class S on the project)
// left on 2027-01-14: on its last day it keeps its rights, the day after it has none.
describe('a member who left the platform', () => {
  const kaede = member(KAEDE, { memberships: [{ joinedOn: '2026-04-01', leftOn: '2027-01-14' }] });
  const contributions = [contribution(KAEDE, PROJECT, 2026, 50_000_000n)];

  it.each(['research', 'commercial'] as const)('keeps its %s rights on its last day', (purpose) => {
    const e = entitlementFor({
      date: '2027-01-14',
      purpose,
      asset: foregroundAsset(),
      member: kaede,
      contributions,
    });
    expect(e.right).toBe('free');
  });

  it.each(['research', 'commercial'] as const)(
    'has no %s right the day after it left',
    (purpose) => {
      const e = entitlementFor({
        date: '2027-01-15',
        purpose,
        asset: foregroundAsset({ pooled: true }),
        member: kaede,
        contributions,
      });
      expect(e.right).toBe('none');
      expect(e.reason.ruleId).toBe('NOT_A_MEMBER');
      expect(e.reason.memberClass?.code).toBe('S'); // the class is still shown: the membership, not the money, ended
    },
  );

  it('counts both the joining day and a later rejoining', () => {
    const periods = [
      { joinedOn: '2026-04-01', leftOn: '2027-01-14' },
      { joinedOn: '2027-06-01', leftOn: null },
    ];
    expect(membershipActiveOn(periods, '2026-03-31')).toBe(false);
    expect(membershipActiveOn(periods, '2026-04-01')).toBe(true);
    expect(membershipActiveOn(periods, '2027-05-31')).toBe(false);
    expect(membershipActiveOn(periods, '2027-06-01')).toBe(true);
    expect(membershipActiveOn(periods, '2099-12-31')).toBe(true);
  });
});
