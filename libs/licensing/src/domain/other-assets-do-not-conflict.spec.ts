import { findConflicts } from './conflict-check.calculator';
import { ASSET_1, ASSET_2, candidate, licence, right } from './conflict.fixtures';

describe('only shared assets conflict', () => {
  it('a licence and a right on another asset are no conflict', () => {
    expect(
      findConflicts(candidate(), [licence({ assetIds: [ASSET_2] })], [right({ assetId: ASSET_2 })]),
    ).toEqual([]);
  });

  it('a multi-asset candidate lists each conflicting asset', () => {
    const found = findConflicts(
      candidate({ assetIds: [ASSET_1, ASSET_2] }),
      [licence({ assetIds: [ASSET_1, ASSET_2] })],
      [],
    );
    expect(found.map((c) => c.assetId)).toEqual([ASSET_1, ASSET_2]);
  });
});
