import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

describe('FixedWindowThrottlerStorage', () => {
  let now = 1_000_000;
  const storage = new FixedWindowThrottlerStorage(() => now);

  it('counts hits in a window and blocks the key past the limit for the block duration', async () => {
    for (let i = 1; i <= 3; i++) {
      expect(await storage.increment('ip-a', 60_000, 3, 30_000, 'default')).toMatchObject({ totalHits: i, isBlocked: false });
    }
    const fourth = await storage.increment('ip-a', 60_000, 3, 30_000, 'default');
    expect(fourth).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 29_000;
    expect((await storage.increment('ip-a', 60_000, 3, 30_000, 'default')).isBlocked).toBe(true);
    // Another key and another throttler are counted apart.
    expect((await storage.increment('ip-b', 60_000, 3, 30_000, 'default')).isBlocked).toBe(false);
    expect((await storage.increment('ip-a', 60_000, 3, 30_000, 'public')).isBlocked).toBe(false);
  });

  it('starts a new window once the window and any block have ended', async () => {
    now += 61_000;
    expect(await storage.increment('ip-a', 60_000, 3, 30_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });
});
