import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@app/access';
import { BatchPostingCommand, LedgerService, PostedEntry } from './ledger.service';

interface Waiting {
  actor: Actor;
  platformId: string;
  cmd: BatchPostingCommand;
  resolve: (posted: PostedEntry) => void;
  reject: (err: unknown) => void;
}

/**
 * Groups sent to the database at once at most (one ledger_post_batch call each). One: the next
 * group takes every posting that arrived while the previous one was written, so the calls are
 * fewer and larger, and each call costs the API a round trip whatever its size (README
 * "Benchmarks → Ledger": 15–25 % more single postings per second than with two).
 */
const GROUPS_IN_FLIGHT = 1;
const MAX_GROUP = 100;

/**
 * Group commit for stand-alone postings (manual entries posted one per request). Each posting
 * still gets its own answer, but postings that arrive while others are being written are sent
 * together in one ledger_post_batch call — one statement and one commit for the group instead of
 * one each. Nothing waits on purpose: a posting on an idle service is sent at once, alone.
 *
 * A group is all or nothing in the database, so when a group fails (a closed period, an unknown
 * account, a reused key in one of them) each of its postings is retried alone with ledger_post,
 * and each request gets its own answer or error. That is safe because postings are idempotent
 * by key and the failed group wrote nothing. Two postings with the same key never share a group.
 */
@Injectable()
export class PostingCoalescer {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly ledger: LedgerService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  post(actor: Actor, platformId: string, cmd: BatchPostingCommand): Promise<PostedEntry> {
    return new Promise<PostedEntry>((resolve, reject) => {
      this.waiting.push({ actor, platformId, cmd, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < GROUPS_IN_FLIGHT && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.inFlight++;
      void this.write(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The oldest posting and those after it on the same platform, one per key, in arrival order. */
  private takeGroup(): Waiting[] {
    const platformId = this.waiting[0].platformId;
    const keys = new Set<string>();
    const group: Waiting[] = [];
    for (let i = 0; i < this.waiting.length && group.length < MAX_GROUP; ) {
      const w = this.waiting[i];
      if (w.platformId === platformId && !keys.has(w.cmd.idempotencyKey)) {
        keys.add(w.cmd.idempotencyKey);
        group.push(w);
        this.waiting.splice(i, 1);
      } else {
        i++;
      }
    }
    return group;
  }

  private async write(group: Waiting[]): Promise<void> {
    if (group.length > 1) {
      try {
        const posted = await this.ledger.postBatch(
          this.dataSource.manager,
          group[0].actor,
          group[0].platformId,
          group.map((w) => ({ ...w.cmd, actorTokenId: w.actor.tokenId })),
        );
        group.forEach((w, i) => w.resolve(posted[i]));
        return;
      } catch {
        // Retried one by one below, so that each request gets its own answer.
      }
    }
    await Promise.all(
      group.map((w) =>
        this.ledger.post(this.dataSource.manager, w.actor, { ...w.cmd, platformId: w.platformId }).then(w.resolve, w.reject),
      ),
    );
  }
}
