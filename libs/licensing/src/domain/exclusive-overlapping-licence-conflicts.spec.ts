import { findConflicts } from './conflict-check.calculator';
import { ASSET_1, HINOKI, candidate, licence } from './conflict.fixtures';

describe('an exclusive licence over an existing licence on the same asset, field, territory and term', () => {
  it('conflicts with a non-exclusive licence', () => {
    expect(findConflicts(candidate(), [licence()], [])).toEqual([
      {
        kind: 'licence',
        assetId: ASSET_1,
        licenceId: 'licence-1',
        organisationId: HINOKI,
        exclusive: false,
      },
    ]);
  });

  it('conflicts with an exclusive licence', () => {
    expect(findConflicts(candidate(), [licence({ exclusive: true })], [])).toHaveLength(1);
  });
});
