import { CommercialRight, ExistingLicence, LicenceScope } from './licensing.types';

export const ASSET_1 = 'asset-1';
export const ASSET_2 = 'asset-2';
export const KAEDE = 'org-kaede';
export const HINOKI = 'org-hinoki';
export const SUGI = 'org-sugi';

export function candidate(
  over: Partial<LicenceScope & { organisationId: string }> = {},
): LicenceScope & { organisationId: string } {
  return {
    organisationId: KAEDE,
    assetIds: [ASSET_1],
    fieldOfUse: 'EV batteries',
    territory: ['JP'],
    exclusive: true,
    termStart: '2027-04-01',
    termEnd: '2032-03-31',
    ...over,
  };
}

export function licence(over: Partial<ExistingLicence> = {}): ExistingLicence {
  return { ...candidate({ organisationId: HINOKI, exclusive: false }), id: 'licence-1', ...over };
}

export function right(over: Partial<CommercialRight> = {}): CommercialRight {
  return {
    assetId: ASSET_1,
    organisationId: HINOKI,
    right: 'free',
    discountBp: null,
    ruleId: 'FOREGROUND_BUSINESS_CLASS_FREE',
    ...over,
  };
}
