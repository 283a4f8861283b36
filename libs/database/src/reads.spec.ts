import type { EntityManager } from 'typeorm';
import { readAll } from './reads';

describe('readAll', () => {
  const tracked = () => {
    let running = 0;
    let most = 0;
    const read = (value: string) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return value;
    };
    return { read, most: () => most };
  };

  it('runs the reads together on a pooled manager', async () => {
    const t = tracked();
    const results = await readAll({ queryRunner: undefined } as unknown as EntityManager, [t.read('a'), t.read('b'), t.read('c')] as const);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(t.most()).toBe(3);
  });

  it("runs them one after another, in order, on a transaction's manager (one connection)", async () => {
    const t = tracked();
    const results = await readAll({ queryRunner: {} } as unknown as EntityManager, [t.read('a'), t.read('b'), t.read('c')] as const);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(t.most()).toBe(1);
  });
});
