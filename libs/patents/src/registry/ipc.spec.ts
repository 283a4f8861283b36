import { normaliseIpc, normaliseIpcPrefix } from './ipc';

describe('IPC symbols', () => {
  it.each([
    ['H01M', 'H01M'],
    ['H01M 10/052', 'H01M 10/052'],
    ['h01m10/052', 'H01M 10/052'],
    ['  H01M  10 / 052 ', 'H01M 10/052'],
    ['G06N 3/08', 'G06N 3/08'],
    ['C01B 32/184', 'C01B 32/184'],
    ['A61K 9/00', 'A61K 9/00'],
  ])('%j is %j', (input, stored) => {
    expect(normaliseIpc(input)).toBe(stored);
  });

  it.each([
    '',
    'H01',
    'I01M',
    'H1M',
    'H01MM',
    'H01M 10',
    'H01M 10/',
    'H01M 10/5',
    'H01M 0/00',
    'H01M 12345/00',
    'battery',
  ])('%j is refused', (input) => {
    expect(normaliseIpc(input)).toBeNull();
  });

  it('accepts section, class and subclass prefixes for filters', () => {
    expect(normaliseIpcPrefix('h')).toBe('H');
    expect(normaliseIpcPrefix('H01')).toBe('H01');
    expect(normaliseIpcPrefix('h01m')).toBe('H01M');
    expect(normaliseIpcPrefix('H01M10/052')).toBe('H01M 10/052');
    expect(normaliseIpcPrefix('X')).toBeNull();
  });
});
