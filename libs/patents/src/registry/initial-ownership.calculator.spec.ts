import { addMonths, deriveInitialOwnership } from './initial-ownership.calculator';
import { SakuraTerms } from './sakura-terms';

const UNI = 'university';
const A = 'company-a';
const B = 'company-b';
const C = 'company-c';

function terms(over: Partial<SakuraTerms>): SakuraTerms {
  return {
    type: 0,
    group: 'university_owned',
    ownerRule: 'university',
    defaultUniversityShareBp: null,
    nonOwnerRight: 'non_exclusive_licence',
    consideration: 'free',
    optionPeriodMonths: null,
    priorConsentThirdPartyLicence: false,
    exclusivityFee: false,
    ...over,
  };
}

describe('initial ownership from the Sakura type', () => {
  it('university-owned: the university holds 100%, each company gets the licence', () => {
    const r = deriveInitialOwnership(
      terms({}),
      { universityId: UNI, companyIds: [A, B] },
      '2026-06-01',
    );
    expect(r.owners).toEqual([{ organisationId: UNI, shareBp: 10000 }]);
    expect(r.options).toEqual([
      {
        organisationId: A,
        right: 'non_exclusive_licence',
        consideration: 'free',
        optionPeriodMonths: null,
        startsOn: '2026-06-01',
        endsOn: null,
      },
      {
        organisationId: B,
        right: 'non_exclusive_licence',
        consideration: 'free',
        optionPeriodMonths: null,
        startsOn: '2026-06-01',
        endsOn: null,
      },
    ]);
  });

  it('university-owned with an exclusive-licence option: the option ends the given months after the start', () => {
    const r = deriveInitialOwnership(
      terms({
        type: 2,
        nonOwnerRight: 'exclusive_licence_option',
        consideration: 'paid',
        optionPeriodMonths: 12,
      }),
      { universityId: UNI, companyIds: [A] },
      '2026-07-15',
    );
    expect(r.owners).toEqual([{ organisationId: UNI, shareBp: 10000 }]);
    expect(r.options).toEqual([
      {
        organisationId: A,
        right: 'exclusive_licence_option',
        consideration: 'paid',
        optionPeriodMonths: 12,
        startsOn: '2026-07-15',
        endsOn: '2027-07-15',
      },
    ]);
  });

  it('company-owned: the companies in equal shares, the remainder to the earlier company; the university gets the right', () => {
    const r = deriveInitialOwnership(
      terms({ type: 4, group: 'company_owned', ownerRule: 'company' }),
      { universityId: UNI, companyIds: [A, B, C] },
      '2026-06-01',
    );
    expect(r.owners).toEqual([
      { organisationId: A, shareBp: 3334 },
      { organisationId: B, shareBp: 3333 },
      { organisationId: C, shareBp: 3333 },
    ]);
    expect(r.options.map((o) => o.organisationId)).toEqual([UNI]);
  });

  it('company-owned with one company: it holds 100%', () => {
    const r = deriveInitialOwnership(
      terms({ type: 5, group: 'company_owned', ownerRule: 'company' }),
      { universityId: UNI, companyIds: [B] },
      '2026-06-01',
    );
    expect(r.owners).toEqual([{ organisationId: B, shareBp: 10000 }]);
  });

  it('co-owned: the university its default share, the companies split the rest', () => {
    const coOwned = terms({
      type: 7,
      group: 'co_owned',
      ownerRule: 'co_owned',
      defaultUniversityShareBp: 5000,
      nonOwnerRight: 'exclusive_licence_option',
      consideration: 'paid',
      optionPeriodMonths: 6,
      priorConsentThirdPartyLicence: true,
      exclusivityFee: true,
    });
    const one = deriveInitialOwnership(
      coOwned,
      { universityId: UNI, companyIds: [A] },
      '2026-08-31',
    );
    expect(one.owners).toEqual([
      { organisationId: UNI, shareBp: 5000 },
      { organisationId: A, shareBp: 5000 },
    ]);
    expect(one.options).toEqual([
      {
        organisationId: A,
        right: 'exclusive_licence_option',
        consideration: 'paid',
        optionPeriodMonths: 6,
        startsOn: '2026-08-31',
        endsOn: '2027-02-28',
      },
    ]);
    const three = deriveInitialOwnership(
      { ...coOwned, defaultUniversityShareBp: 4000 },
      { universityId: UNI, companyIds: [A, B, C] },
      '2026-08-31',
    );
    expect(three.owners).toEqual([
      { organisationId: UNI, shareBp: 4000 },
      { organisationId: A, shareBp: 2000 },
      { organisationId: B, shareBp: 2000 },
      { organisationId: C, shareBp: 2000 },
    ]);
    const uneven = deriveInitialOwnership(
      { ...coOwned, defaultUniversityShareBp: 5000 },
      { universityId: UNI, companyIds: [A, B, C] },
      '2026-08-31',
    );
    expect(uneven.owners.map((o) => o.shareBp)).toEqual([5000, 1667, 1667, 1666]);
  });

  it('shares always add up to 10000', () => {
    for (let companies = 1; companies <= 13; companies++) {
      const ids = Array.from({ length: companies }, (_, i) => `c${i}`);
      for (const rule of ['university', 'company', 'co_owned'] as const) {
        const r = deriveInitialOwnership(
          terms({ ownerRule: rule, defaultUniversityShareBp: rule === 'co_owned' ? 3333 : null }),
          { universityId: UNI, companyIds: ids },
          '2026-04-01',
        );
        expect(r.owners.reduce((a, o) => a + o.shareBp, 0)).toBe(10000);
        expect(r.owners.every((o) => o.shareBp > 0)).toBe(true);
      }
    }
  });

  it('refuses an agreement without companies, with a party twice, or a co-owned type without a share', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { code?: string }).code;
      }
      return 'no error';
    };
    expect(
      codeOf(() =>
        deriveInitialOwnership(terms({}), { universityId: UNI, companyIds: [] }, '2026-04-01'),
      ),
    ).toBe('AGREEMENT.NO_COMPANY');
    expect(
      codeOf(() =>
        deriveInitialOwnership(terms({}), { universityId: UNI, companyIds: [A, A] }, '2026-04-01'),
      ),
    ).toBe('AGREEMENT.DUPLICATE_PARTY');
    expect(
      codeOf(() =>
        deriveInitialOwnership(
          terms({ ownerRule: 'co_owned' }),
          { universityId: UNI, companyIds: [A] },
          '2026-04-01',
        ),
      ),
    ).toBe('SAKURA.NO_DEFAULT_SHARE');
  });

  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-04-01', 12)).toBe('2027-04-01');
    expect(addMonths('2026-04-01', 0)).toBe('2026-04-01');
  });
});
