import {
  HINOKI,
  INDIVIDUAL_PROJECT,
  KAEDE,
  OUTSIDER,
  TOHOKU,
  backgroundAsset,
  entitlementFor,
  foregroundAsset,
  member,
  outsider,
} from './scenario.fixtures';
import { AssetFacts } from './entitlement.types';

// Owners use their own IP freely, whatever the asset's kind, flags or committee state, and
// whether or not they are members on the date (a member who left keeps what it owns).
describe('owners are always free', () => {
  const assets: [string, AssetFacts][] = [
    [
      'cooperative foreground, not pooled',
      foregroundAsset({
        owners: [
          { organisationId: KAEDE, shareBp: 3000 },
          { organisationId: TOHOKU, shareBp: 7000 },
        ],
      }),
    ],
    [
      'individual-project foreground',
      foregroundAsset({
        projectId: INDIVIDUAL_PROJECT,
        projectKind: 'individual',
        owners: [{ organisationId: KAEDE, shareBp: 10_000 }],
      }),
    ],
    [
      'background without research consent',
      backgroundAsset({
        holderOrganisationId: HINOKI,
        owners: [
          { organisationId: HINOKI, shareBp: 5000 },
          { organisationId: KAEDE, shareBp: 5000 },
        ],
      }),
    ],
  ];
  const owners = [
    ['a participant co-owner', member(KAEDE)],
    ['a co-owner outside the project', member(KAEDE, { participantOfAssetProject: false })],
    [
      'a co-owner that left the platform',
      member(KAEDE, { memberships: [{ joinedOn: '2026-04-01', leftOn: '2026-12-31' }] }),
    ],
    ['a co-owner that was never a member', outsider(KAEDE)],
  ] as const;

  for (const [assetLabel, asset] of assets) {
    it.each(owners)(`${assetLabel}: %s is free for research and business`, (_label, owner) => {
      for (const purpose of ['research', 'commercial'] as const) {
        const e = entitlementFor({ purpose, asset, member: owner });
        expect(e).toMatchObject({ right: 'free', discountBp: null, reason: { ruleId: 'OWNER' } });
      }
    });
  }

  it('treats the background holder as owner even when the owner list does not name it', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: backgroundAsset({ owners: [] }),
      member: member(HINOKI),
    });
    expect(e.reason.ruleId).toBe('OWNER');
  });

  it('does not treat a 0 bp entry as ownership', () => {
    const asset = foregroundAsset({
      owners: [
        { organisationId: OUTSIDER, shareBp: 0 },
        { organisationId: TOHOKU, shareBp: 10_000 },
      ],
    });
    expect(
      entitlementFor({ purpose: 'research', asset, member: outsider(OUTSIDER) }).reason.ruleId,
    ).toBe('NOT_A_MEMBER');
  });
});
