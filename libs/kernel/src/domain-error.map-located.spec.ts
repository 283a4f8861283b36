import { DomainError, mapLocated } from './domain-error';

describe('mapLocated', () => {
  it('maps every item, and locates a domain error at the failing item (keeping its own field)', () => {
    expect(mapLocated([1, 2], (i) => `entries[${i}]`, (n) => n * 2)).toEqual([2, 4]);
    const fail = () =>
      mapLocated([1, 2], (i) => `entries[${i}]`, (n) => {
        if (n === 2) throw DomainError.validation('X.BAD', 'bad', { field: 'lines[0]' });
        return n;
      });
    expect(fail).toThrow(expect.objectContaining({ code: 'X.BAD', message: 'entries[1]: bad', details: { field: 'entries[1].lines[0]' } }) as Error);
  });

  it('passes other errors through unchanged', () => {
    const boom = new Error('boom');
    expect(() =>
      mapLocated([1], () => 'x', () => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});
