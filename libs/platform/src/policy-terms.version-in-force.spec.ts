import { versionInForce } from './policy-terms';

/** "What were the rules on date D?": the latest version effective on or before D. */
describe('versionInForce', () => {
  const v1 = { version: 1, effectiveFrom: '2026-04-01' };
  const v2 = { version: 2, effectiveFrom: '2027-04-01' };
  const v3 = { version: 3, effectiveFrom: '2028-10-01' };
  const versions = [v1, v2, v3];

  it.each([
    ['2026-03-31', undefined], // the day before the platform's first policy
    ['2026-04-01', v1], // the first version's own day
    ['2027-01-15', v1], // between v1 and v2
    ['2027-03-31', v1], // the last day of v1
    ['2027-04-01', v2], // v2 takes effect on its exact day
    ['2028-09-30', v2],
    ['2028-10-01', v3],
    ['2099-12-31', v3], // after the last version, it stays in force
  ])('on %s → %p', (date, expected) => {
    expect(versionInForce(versions, date)).toBe(expected);
  });

  it('does not depend on the order the versions come in', () => {
    expect(versionInForce([v3, v1, v2], '2027-06-01')).toBe(v2);
    expect(versionInForce([v2, v3, v1], '2026-12-31')).toBe(v1);
  });

  it('has nothing in force when there are no versions', () => {
    expect(versionInForce([], '2027-01-15')).toBeUndefined();
  });
});
