import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import { AppThrottlerGuard } from './app-throttler.guard';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

class RightsController {
  check() {}
  listForMember() {}
}

describe('AppThrottlerGuard', () => {
  const storage = new FixedWindowThrottlerStorage();
  const guard = new AppThrottlerGuard({ throttlers: [{ name: 'default', ttl: 60_000, limit: 2 }] }, storage, new Reflector());
  const keys: string[] = [];
  const increment = storage.increment.bind(storage);
  storage.increment = (key, ...rest) => {
    keys.push(key);
    return increment(key, ...rest);
  };

  const call = (ip: string, handler: () => void = RightsController.prototype.check) => {
    const headers: Record<string, unknown> = {};
    const req = { ip, headers: {} };
    const res = { header: (name: string, value: unknown) => (headers[name] = value) };
    const context = {
      getHandler: () => handler,
      getClass: () => RightsController,
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ExecutionContext;
    return { allowed: guard.onModuleInit().then(() => guard.canActivate(context)), headers };
  };

  it('counts per client and handler under a readable key, sets the rate-limit headers and refuses past the limit', async () => {
    const first = call('::ffff:10.0.0.7');
    await expect(first.allowed).resolves.toBe(true);
    expect(first.headers).toEqual({ 'X-RateLimit-Limit': 2, 'X-RateLimit-Remaining': 1, 'X-RateLimit-Reset': 60 });
    expect(keys).toEqual(['default:RightsController.check:10.0.0.7']);
    await expect(call('::ffff:10.0.0.7').allowed).resolves.toBe(true);
    await expect(call('::ffff:10.0.0.7').allowed).rejects.toBeInstanceOf(ThrottlerException);
    // Another handler and another client have counters of their own.
    await expect(call('::ffff:10.0.0.7', RightsController.prototype.listForMember).allowed).resolves.toBe(true);
    await expect(call('::ffff:10.0.0.8').allowed).resolves.toBe(true);
  });

  it('counts the IPv6 addresses of one /64 subnet together, as the library does', async () => {
    await expect(call('2001:db8:1:2::1').allowed).resolves.toBe(true);
    await expect(call('2001:db8:1:2:ffff::9').allowed).resolves.toBe(true);
    await expect(call('2001:db8:1:2::1').allowed).rejects.toBeInstanceOf(ThrottlerException);
    await expect(call('2001:db8:1:3::1').allowed).resolves.toBe(true);
    expect(keys.at(-1)).toBe('default:RightsController.check:2001:db8:1:3::/64');
  });
});
