import { DomainError } from '@app/kernel';
import {
  DEFAULT_POLICY_TERMS,
  MemberClassRule,
  PolicyTerms,
  validatePolicyTerms,
} from './policy-terms';

function terms(
  change: Partial<PolicyTerms> = {},
  classes?: MemberClassRule[],
  thresholdKind?: 'share_bp' | 'amount_yen',
): PolicyTerms {
  const base = structuredClone(DEFAULT_POLICY_TERMS);
  return {
    ...base,
    ...change,
    memberClassRules: {
      ...base.memberClassRules,
      ...(thresholdKind ? { thresholdKind } : {}),
      ...(classes ? { classes } : {}),
    },
  };
}

function rejection(t: PolicyTerms): DomainError {
  try {
    validatePolicyTerms(t);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the terms to be rejected');
}

describe('validatePolicyTerms', () => {
  it('accepts DOMAIN.md defaults: 20% overhead, 10% standard, S ≥ 30%, A ≥ 10% at 50% off, B > 0', () => {
    expect(() => validatePolicyTerms(DEFAULT_POLICY_TERMS)).not.toThrow();
    expect(DEFAULT_POLICY_TERMS).toMatchObject({
      overheadRateBp: 2000,
      standardOverheadRateBp: 1000,
    });
  });

  it('accepts a standard rate equal to the platform rate (no IP fund increment)', () => {
    expect(() =>
      validatePolicyTerms(terms({ overheadRateBp: 1000, standardOverheadRateBp: 1000 })),
    ).not.toThrow();
  });

  it('accepts yen thresholds above 10000 when classes are by amount', () => {
    const classes = [
      { code: 'S', minimum: '10000000', benefit: 'free' as const },
      { code: 'B', minimum: '1', benefit: 'standard' as const },
    ];
    expect(() => validatePolicyTerms(terms({}, classes, 'amount_yen'))).not.toThrow();
  });

  // Every rejection: the terms, the field named in the error.
  const rejected: [string, PolicyTerms, string][] = [
    [
      'a standard rate above the platform rate',
      terms({ overheadRateBp: 1000, standardOverheadRateBp: 1001 }),
      'standardOverheadRateBp',
    ],
    ['no member classes', terms({}, []), 'memberClassRules.classes'],
    [
      'a class code defined twice',
      terms({}, [
        { code: 'S', minimum: '3000', benefit: 'free' },
        { code: 'S', minimum: '1000', benefit: 'standard' },
      ]),
      'memberClassRules.classes[1].code',
    ],
    [
      'a negative minimum',
      terms({}, [{ code: 'S', minimum: '-1', benefit: 'free' }]),
      'memberClassRules.classes[0].minimum',
    ],
    [
      'a fractional minimum',
      terms({}, [{ code: 'S', minimum: '30.5', benefit: 'free' }]),
      'memberClassRules.classes[0].minimum',
    ],
    [
      'an empty minimum',
      terms({}, [{ code: 'S', minimum: '', benefit: 'free' }]),
      'memberClassRules.classes[0].minimum',
    ],
    [
      'a share above 100%',
      terms({}, [{ code: 'S', minimum: '10001', benefit: 'free' }]),
      'memberClassRules.classes[0].minimum',
    ],
    [
      'classes listed lowest first',
      terms({}, [
        { code: 'B', minimum: '0', benefit: 'standard' },
        { code: 'S', minimum: '3000', benefit: 'free' },
      ]),
      'memberClassRules.classes[1].minimum',
    ],
    [
      'two classes with the same threshold',
      terms({}, [
        { code: 'S', minimum: '3000', benefit: 'free' },
        { code: 'A', minimum: '3000', benefit: 'discount', discountBp: 5000 },
      ]),
      'memberClassRules.classes[1].minimum',
    ],
    [
      'a discount class without discountBp',
      terms({}, [{ code: 'A', minimum: '1000', benefit: 'discount' }]),
      'memberClassRules.classes[0].discountBp',
    ],
    [
      'a discount of 0 bp',
      terms({}, [{ code: 'A', minimum: '1000', benefit: 'discount', discountBp: 0 }]),
      'memberClassRules.classes[0].discountBp',
    ],
    [
      'a discount of 100%',
      terms({}, [{ code: 'A', minimum: '1000', benefit: 'discount', discountBp: 10_000 }]),
      'memberClassRules.classes[0].discountBp',
    ],
    [
      'discountBp on a free class',
      terms({}, [{ code: 'S', minimum: '3000', benefit: 'free', discountBp: 5000 }]),
      'memberClassRules.classes[0].discountBp',
    ],
  ];

  it.each(rejected)('rejects %s with POLICY.INVALID naming the field', (_what, t, field) => {
    const error = rejection(t);
    expect(error).toMatchObject({ code: 'POLICY.INVALID', kind: 'validation', details: { field } });
  });

  it('accepts the boundaries: 10000 bp share, discount 1 and 9999 bp', () => {
    const classes: MemberClassRule[] = [
      { code: 'S', minimum: '10000', benefit: 'free' },
      { code: 'A', minimum: '5000', benefit: 'discount', discountBp: 9999 },
      { code: 'A2', minimum: '1000', benefit: 'discount', discountBp: 1 },
      { code: 'B', minimum: '0', benefit: 'standard' },
    ];
    expect(() => validatePolicyTerms(terms({}, classes))).not.toThrow();
  });
});
