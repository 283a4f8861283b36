import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  it('answers until the entry expires, then forgets it', () => {
    const cache = new ExpiringCache<string>(1000, 10);
    cache.set('a', 'token-a', 0);
    expect(cache.get('a', 999)).toBe('token-a');
    expect(cache.get('a', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the oldest entry when full, and a re-set entry counts as new', () => {
    const cache = new ExpiringCache<number>(60_000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.set('a', 1, 1);
    cache.set('c', 3, 2);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)).toBe(1);
    expect(cache.get('c', 3)).toBe(3);
  });

  it('forgets one entry on delete and all on clear', () => {
    const cache = new ExpiringCache<number>(60_000, 10);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.delete('a');
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBe(2);
    cache.clear();
    expect(cache.get('b', 1)).toBeUndefined();
  });
});
