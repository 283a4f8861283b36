import { licenceYearOf } from './licence-year';

describe('licence years run anniversary to anniversary from termStart', () => {
  const term = { termStart: '2027-07-01', termEnd: '2029-12-31' };

  it('first and second years are full', () => {
    expect(licenceYearOf(term, '2027-07-01')).toEqual({
      index: 1,
      start: '2027-07-01',
      end: '2028-06-30',
      full: true,
    });
    expect(licenceYearOf(term, '2029-06-30')).toEqual({
      index: 2,
      start: '2028-07-01',
      end: '2029-06-30',
      full: true,
    });
  });

  it('the last year is cut short by termEnd and is not full', () => {
    expect(licenceYearOf(term, '2029-07-01')).toEqual({
      index: 3,
      start: '2029-07-01',
      end: '2029-12-31',
      full: false,
    });
  });

  it('a date outside the term is refused', () => {
    expect(() => licenceYearOf(term, '2030-01-01')).toThrow('outside the licence term');
  });
});
