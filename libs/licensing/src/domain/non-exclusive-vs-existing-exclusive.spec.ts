import { findConflicts } from './conflict-check.calculator';
import { KAEDE, candidate, licence } from './conflict.fixtures';

describe('a non-exclusive grant', () => {
  it('does not conflict with other non-exclusive licences', () => {
    expect(findConflicts(candidate({ exclusive: false }), [licence()], [])).toEqual([]);
  });

  it('conflicts with an overlapping exclusive licence (the mirror rule)', () => {
    expect(
      findConflicts(candidate({ exclusive: false }), [licence({ exclusive: true })], []),
    ).toHaveLength(1);
  });

  it("never conflicts with the licensee's own licences", () => {
    expect(
      findConflicts(candidate(), [licence({ organisationId: KAEDE, exclusive: true })], []),
    ).toEqual([]);
  });
});
