import { findConflicts } from './conflict-check.calculator';
import { ASSET_1, HINOKI, KAEDE, SUGI, candidate, right } from './conflict.fixtures';

describe("another member's free or discounted commercial right (IP Share) blocks an exclusive grant", () => {
  it('lists each member and its right', () => {
    const rights = [
      right(),
      right({
        organisationId: SUGI,
        right: 'discounted',
        discountBp: 5000,
        ruleId: 'FOREGROUND_BUSINESS_CLASS_DISCOUNT',
      }),
      right({
        organisationId: 'org-standard',
        right: 'standard',
        ruleId: 'FOREGROUND_BUSINESS_CLASS_STANDARD',
      }),
      right({
        organisationId: 'org-none',
        right: 'committee_decides',
        ruleId: 'FOREGROUND_BUSINESS_NOT_PARTICIPANT',
      }),
    ];
    expect(findConflicts(candidate(), [], rights)).toEqual([
      {
        kind: 'entitlement',
        assetId: ASSET_1,
        organisationId: HINOKI,
        right: 'free',
        discountBp: null,
        ruleId: 'FOREGROUND_BUSINESS_CLASS_FREE',
      },
      {
        kind: 'entitlement',
        assetId: ASSET_1,
        organisationId: SUGI,
        right: 'discounted',
        discountBp: 5000,
        ruleId: 'FOREGROUND_BUSINESS_CLASS_DISCOUNT',
      },
    ]);
  });

  it("the licensee's own right and the owners' free use are not conflicts", () => {
    expect(
      findConflicts(
        candidate(),
        [],
        [
          right({ organisationId: KAEDE }),
          right({ organisationId: 'org-university', ruleId: 'OWNER' }),
        ],
      ),
    ).toEqual([]);
  });

  it('a non-exclusive grant is not blocked by rights', () => {
    expect(findConflicts(candidate({ exclusive: false }), [], [right()])).toEqual([]);
  });
});
