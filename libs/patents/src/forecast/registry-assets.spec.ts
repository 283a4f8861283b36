import {
  AssetOwnersRow,
  OrganisationRow,
  assetFactsById,
  organisationIdsOf,
  parseOwnerShares,
} from './registry-assets';

const U = '00000000-0000-4000-8000-000000000001';
const C = '00000000-0000-4000-8000-000000000002';
const organisations: OrganisationRow[] = [
  { id: U, name: 'University', kind: 'university', company_size: null },
  { id: C, name: 'Large K.K.', kind: 'company', company_size: 'large' },
];
const asset = (id: string, owners: string | null): AssetOwnersRow => ({
  id,
  reference: id === 'a1' ? 'REF-1' : null,
  title: `title ${id}`,
  pooled: id !== 'a3',
  owners,
});

describe('registry assets for the forecast', () => {
  it('reads an owners text as organisations and shares in position order', () => {
    const inOrder = [
      { organisationId: C, shareBp: 6000 },
      { organisationId: U, shareBp: 4000 },
    ];
    expect(parseOwnerShares(`0:${C}:6000,1:${U}:4000`)).toEqual(inOrder);
    expect(parseOwnerShares(`1:${U}:4000,0:${C}:6000`)).toEqual(inOrder);
    expect(parseOwnerShares(`10:${U}:4000,9:${C}:6000`)).toEqual(inOrder);
    expect(parseOwnerShares(`0:${U}:10000`)).toEqual([{ organisationId: U, shareBp: 10_000 }]);
  });

  it('names each organisation once', () => {
    const rows = [
      asset('a1', `0:${U}:10000`),
      asset('a2', `0:${U}:5000,1:${C}:5000`),
      asset('a3', null),
    ];
    expect(organisationIdsOf(rows).sort()).toEqual([U, C].sort());
    expect(organisationIdsOf([asset('a3', null)])).toEqual([]);
  });

  it("gives each asset its facts, assets owned alike sharing one owners list, in the registry's order", () => {
    const rows = [
      asset('a1', `0:${U}:5000,1:${C}:5000`),
      asset('a2', `1:${C}:5000,0:${U}:5000`),
      asset('a3', `0:${C}:5000,1:${U}:5000`),
      asset('a4', null),
      asset('a5', `0:${U}:5000,1:${C}:5000`),
    ];
    const byId = assetFactsById(rows, organisations);
    const a1 = byId.get('a1')!;
    expect(a1).toEqual({
      reference: 'REF-1',
      title: 'title a1',
      pooled: true,
      owners: [
        {
          organisationId: U,
          organisationName: 'University',
          kind: 'university',
          companySize: null,
          shareBp: 5000,
        },
        {
          organisationId: C,
          organisationName: 'Large K.K.',
          kind: 'company',
          companySize: 'large',
          shareBp: 5000,
        },
      ],
    });
    expect(byId.get('a2')!.owners).toBe(a1.owners);
    expect(byId.get('a5')!.owners).toBe(a1.owners);
    expect(byId.get('a3')!.owners.map((o) => o.organisationId)).toEqual([C, U]);
    expect(byId.get('a3')!.pooled).toBe(false);
    expect(byId.get('a4')!.owners).toEqual([]);
  });

  it('fails rather than drop an owner whose organisation was not read', () => {
    expect(() => assetFactsById([asset('a1', `0:${U}:10000`)], [])).toThrow(/not loaded/);
  });
});
