import { findConflicts, territoriesOverlap } from './conflict-check.calculator';
import { candidate, licence } from './conflict.fixtures';

describe('territory: a shared ISO code, or either side is WORLD', () => {
  it('overlaps on a shared code', () => {
    expect(territoriesOverlap(['JP', 'US'], ['US'])).toBe(true);
  });

  it('WORLD overlaps everything, on either side', () => {
    expect(
      findConflicts(candidate({ territory: ['WORLD'] }), [licence({ territory: ['DE'] })], []),
    ).toHaveLength(1);
    expect(
      findConflicts(candidate({ territory: ['JP'] }), [licence({ territory: ['WORLD'] })], []),
    ).toHaveLength(1);
  });

  it('disjoint territories do not conflict', () => {
    expect(
      findConflicts(candidate({ territory: ['JP'] }), [licence({ territory: ['US', 'EP'] })], []),
    ).toEqual([]);
  });
});
