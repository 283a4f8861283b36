import { DomainError } from './domain-error';
import { addDays, assertLocalDate, isLocalDate, todayInJapan } from './local-date';

describe('isLocalDate', () => {
  it.each(['2026-04-01', '2027-03-31', '2028-02-29', '2000-02-29', '1900-01-01', '9999-12-31'])(
    'accepts %p',
    (d) => {
      expect(isLocalDate(d)).toBe(true);
    },
  );

  it.each([
    '2027-02-30', // February has no 30th
    '2027-02-29', // not a leap year
    '1900-02-29', // centuries are leap years only every 400 years
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-04-00',
    '2026-4-1',
    '2026/04/01',
    ' 2026-04-01',
    '2026-04-01T00:00:00Z',
    '+02026-04-01',
    '',
  ])('rejects %p', (d) => {
    expect(isLocalDate(d)).toBe(false);
  });

  it.each([[20260401], [null], [undefined], [new Date('2026-04-01')], [['2026-04-01']]])(
    'rejects the non-string %p',
    (v) => {
      expect(isLocalDate(v)).toBe(false);
    },
  );
});

describe('assertLocalDate', () => {
  it('returns a valid date unchanged', () => {
    expect(assertLocalDate('2026-04-01', 'joinedOn')).toBe('2026-04-01');
  });

  it('names the field in a VALIDATION.INVALID_DATE error', () => {
    let error: unknown;
    try {
      assertLocalDate('2027-02-30', 'leftOn');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'VALIDATION.INVALID_DATE',
      kind: 'validation',
      details: { field: 'leftOn' },
    });
  });
});

describe('todayInJapan', () => {
  it('turns the date at midnight JST (15:00 UTC the day before)', () => {
    expect(todayInJapan(new Date('2026-03-31T14:59:59.999Z'))).toBe('2026-03-31');
    expect(todayInJapan(new Date('2026-03-31T15:00:00.000Z'))).toBe('2026-04-01');
  });

  it('is a day ahead of UTC in the Japanese morning', () => {
    expect(todayInJapan(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-31', 1, '2026-04-01'],
    ['2026-04-01', -1, '2026-03-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-04-01', 365, '2027-04-01'],
    ['2026-04-01', 0, '2026-04-01'],
  ])('%s + %p days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
