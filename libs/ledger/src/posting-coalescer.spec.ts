import { DataSource } from 'typeorm';
import { Actor } from '@app/access';
import { DomainError } from '@app/kernel';
import { BatchPostingCommand, LedgerService, PostedEntry } from './ledger.service';
import { PostingCoalescer } from './posting-coalescer';

const actor: Actor = { tokenId: 'token-1', role: 'finance', label: 'test', organisationId: null };
const cmd = (key: string): BatchPostingCommand => ({ idempotencyKey: key, requestHash: `hash-${key}`, entryDate: '2026-09-01', kind: 'manual', description: key, lines: [] });
const posted = (key: string, replayed = false): PostedEntry =>
  ({ entry: { id: `id-${key}`, idempotencyKey: key }, lines: [], replayed }) as unknown as PostedEntry;

/** A fake ledger whose calls stay pending until the test releases them. */
function fakeLedger() {
  const calls: { kind: 'post' | 'batch'; keys: string[]; release: () => void; fail: (err: unknown) => void }[] = [];
  const ledger = {
    post: (_em: unknown, _a: Actor, c: BatchPostingCommand) =>
      new Promise<PostedEntry>((resolve, reject) => calls.push({ kind: 'post', keys: [c.idempotencyKey], release: () => resolve(posted(c.idempotencyKey)), fail: reject })),
    postBatch: (_em: unknown, _a: Actor, _p: string, cs: BatchPostingCommand[]) =>
      new Promise<PostedEntry[]>((resolve, reject) =>
        calls.push({ kind: 'batch', keys: cs.map((c) => c.idempotencyKey), release: () => resolve(cs.map((c) => posted(c.idempotencyKey))), fail: reject }),
      ),
  };
  const coalescer = new PostingCoalescer(ledger as unknown as LedgerService, { manager: {} } as DataSource);
  const tick = () => new Promise((r) => setImmediate(r));
  return { calls, coalescer, tick };
}

describe('PostingCoalescer (group commit of single postings)', () => {
  it('sends a posting at once when idle, and gathers those that arrive meanwhile into one batch', async () => {
    const { calls, coalescer, tick } = fakeLedger();
    const answers = ['a', 'b', 'c', 'd'].map((k) => coalescer.post(actor, 'p1', cmd(k)));
    await tick();
    // One group at a time: the first posting went alone; the others wait for it.
    expect(calls.map((c) => [c.kind, c.keys])).toEqual([['post', ['a']]]);
    calls[0].release();
    await tick();
    expect(calls[1]).toMatchObject({ kind: 'batch', keys: ['b', 'c', 'd'] });
    calls[1].release();
    expect((await Promise.all(answers)).map((p) => p.entry.id)).toEqual(['id-a', 'id-b', 'id-c', 'id-d']);
  });

  it('never puts two postings with the same key, or of two platforms, in one batch', async () => {
    const { calls, coalescer, tick } = fakeLedger();
    const answers = [coalescer.post(actor, 'p1', cmd('a'))];
    answers.push(coalescer.post(actor, 'p1', cmd('k')), coalescer.post(actor, 'p2', cmd('x')), coalescer.post(actor, 'p1', cmd('k')), coalescer.post(actor, 'p1', cmd('m')));
    await tick();
    calls[0].release();
    await tick();
    expect(calls[1]).toMatchObject({ kind: 'batch', keys: ['k', 'm'] });
    calls[1].release();
    await tick();
    expect(calls[2]).toMatchObject({ kind: 'post', keys: ['x'] });
    calls[2].release();
    await tick();
    expect(calls[3]).toMatchObject({ kind: 'post', keys: ['k'] });
    calls[3].release();
    expect(await Promise.all(answers)).toHaveLength(5);
  });

  it('when a batch fails, retries each posting alone so that each request gets its own answer or error', async () => {
    const { calls, coalescer, tick } = fakeLedger();
    const answers = ['a', 'c', 'bad', 'd'].map((k) => coalescer.post(actor, 'p1', cmd(k)).then((p) => p.entry.id, (e: DomainError) => e.code));
    await tick();
    calls[0].release();
    await tick();
    expect(calls[1]).toMatchObject({ kind: 'batch', keys: ['c', 'bad', 'd'] });
    calls[1].fail(new DomainError('LEDGER.ACCOUNT_NOT_FOUND', 'no such account', 'not_found'));
    await tick();
    expect(calls.slice(2).map((c) => c.keys[0])).toEqual(['c', 'bad', 'd']);
    calls[2].release();
    calls[3].fail(new DomainError('LEDGER.ACCOUNT_NOT_FOUND', 'no such account', 'not_found'));
    calls[4].release();
    expect(await Promise.all(answers)).toEqual(['id-a', 'id-c', 'LEDGER.ACCOUNT_NOT_FOUND', 'id-d']);
  });
});
