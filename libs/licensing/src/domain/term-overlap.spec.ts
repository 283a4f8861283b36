import { findConflicts } from './conflict-check.calculator';
import { candidate, licence } from './conflict.fixtures';

describe('terms overlap when they share at least one day (both ends included)', () => {
  it('a licence ending on the candidate start day conflicts', () => {
    expect(
      findConflicts(candidate(), [licence({ termStart: '2022-04-01', termEnd: '2027-04-01' })], []),
    ).toHaveLength(1);
  });

  it('a licence ending the day before does not', () => {
    expect(
      findConflicts(candidate(), [licence({ termStart: '2022-04-01', termEnd: '2027-03-31' })], []),
    ).toEqual([]);
  });

  it('a licence starting after the candidate ends does not', () => {
    expect(
      findConflicts(candidate(), [licence({ termStart: '2032-04-01', termEnd: '2035-03-31' })], []),
    ).toEqual([]);
  });
});
