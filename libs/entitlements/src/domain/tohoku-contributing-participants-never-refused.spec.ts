import {
  HINOKI,
  KAEDE,
  PROJECT,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
} from './scenario.fixtures';

// Tohoku's claimed benefit: companies avoid patent risk (being refused a licence for a patent
// they practise). Any company funding the project gets a licence on its class's terms for the
// project's cooperative foreground IP: never "none", never left to a committee.
describe('IP Share: a contributing participant is never refused a business licence', () => {
  it.each([1n, 9_999_999n, 10_000_000n, 29_999_999n, 30_000_000n, 100_000_000n])(
    'Kaede pays ¥%p of the project',
    (yen) => {
      const contributions = [
        contribution(KAEDE, PROJECT, 2026, yen),
        contribution(HINOKI, PROJECT, 2026, 100_000_000n - yen),
      ];
      for (const pooled of [true, false]) {
        const e = entitlementFor({
          purpose: 'commercial',
          asset: foregroundAsset({ pooled }),
          member: member(KAEDE),
          contributions,
        });
        expect(['free', 'discounted', 'standard']).toContain(e.right);
        expect(e.reason.contributions.length).toBeGreaterThan(0);
      }
    },
  );
});
