import { DomainError } from './domain-error';
import { assertIdempotencyKey, assertSameRequest, requestHash } from './idempotency';

describe('idempotency keys', () => {
  it('hashes a request the same whatever its key order, and differently when a value differs', () => {
    const a = requestHash({ op: 'x', amountYen: 10n, lines: [{ b: 1, a: 2 }] });
    expect(requestHash({ lines: [{ a: 2, b: 1 }], amountYen: 10n, op: 'x' })).toBe(a);
    expect(requestHash({ op: 'x', amountYen: 11n, lines: [{ b: 1, a: 2 }] })).not.toBe(a);
    expect(requestHash({ op: 'x', amountYen: 10n, lines: [{ b: 1, a: 2 }], note: undefined })).toBe(a);
  });

  it('replays a stored posting of the same request, and refuses the key for another one with 409 naming what it posted', () => {
    expect(() => assertSameRequest('h1', 'h1', { entryId: 'e-1' })).not.toThrow();
    let refused: unknown;
    try {
      assertSameRequest('h1', 'h2', { entryId: 'e-1' });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', details: { entryId: 'e-1' } });
    expect(() => assertSameRequest(null, 'h2', { costId: 'c-1' })).toThrow(DomainError);
  });

  it('takes printable keys of 8–200 characters only', () => {
    expect(assertIdempotencyKey('invoice-2026-0001')).toBe('invoice-2026-0001');
    for (const bad of [undefined, 'short', 'has space here', 'x'.repeat(201)]) {
      expect(() => assertIdempotencyKey(bad)).toThrow(DomainError);
    }
  });
});
