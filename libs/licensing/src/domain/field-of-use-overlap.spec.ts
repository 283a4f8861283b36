import { fieldsOverlap, findConflicts } from './conflict-check.calculator';
import { candidate, licence } from './conflict.fixtures';

describe('field of use: same string (case-insensitive) or either is *', () => {
  it('matches case-insensitively and with surrounding spaces', () => {
    expect(fieldsOverlap('EV Batteries', ' ev batteries ')).toBe(true);
  });

  it('treats * as every field, on either side', () => {
    expect(
      findConflicts(
        candidate({ fieldOfUse: '*' }),
        [licence({ fieldOfUse: 'medical devices' })],
        [],
      ),
    ).toHaveLength(1);
    expect(findConflicts(candidate(), [licence({ fieldOfUse: '*' })], [])).toHaveLength(1);
  });

  it('different fields do not conflict', () => {
    expect(findConflicts(candidate(), [licence({ fieldOfUse: 'medical devices' })], [])).toEqual(
      [],
    );
  });
});
