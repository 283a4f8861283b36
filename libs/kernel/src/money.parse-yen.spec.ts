import { DomainError } from './domain-error';
import { MAX_YEN, parseYen } from './money';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('parseYen (amounts travel as decimal strings)', () => {
  it('parses whole yen exactly, past 2^53 and up to PostgreSQL bigint', () => {
    expect(parseYen('30000000')).toBe(30_000_000n);
    expect(parseYen(' 42 ')).toBe(42n);
    expect(parseYen('9007199254740993')).toBe(2n ** 53n + 1n);
    expect(parseYen('9223372036854775807')).toBe(MAX_YEN);
    expect(parseYen('-5')).toBe(-5n);
    expect(parseYen(1000)).toBe(1000n);
  });

  it.each(['1.5', '1e6', '', '¥100', '0x10', '12 345'])(
    'rejects %p with MONEY.INVALID_AMOUNT naming the field',
    (text) => {
      expect(thrown(() => parseYen(text, 'directCostYen'))).toMatchObject({
        code: 'MONEY.INVALID_AMOUNT',
        details: { field: 'directCostYen' },
      });
    },
  );

  it('rejects JS numbers that are not safe integers (they have already lost yen)', () => {
    expect(thrown(() => parseYen(2 ** 53 + 2))).toMatchObject({ code: 'MONEY.INVALID_AMOUNT' });
    expect(thrown(() => parseYen(1.5))).toMatchObject({ code: 'MONEY.INVALID_AMOUNT' });
  });

  it('rejects amounts beyond bigint with MONEY.AMOUNT_TOO_LARGE', () => {
    expect(thrown(() => parseYen('9223372036854775808', 'plannedAmountYen'))).toMatchObject({
      code: 'MONEY.AMOUNT_TOO_LARGE',
      details: { field: 'plannedAmountYen' },
    });
    expect(thrown(() => parseYen('-9999999999999999999'))).toMatchObject({
      code: 'MONEY.AMOUNT_TOO_LARGE',
    });
  });
});
