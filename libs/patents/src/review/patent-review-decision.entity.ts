import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const REVIEW_DECISIONS = ['maintain', 'abandon'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];
export type ReviewOutcome = 'maintained' | 'abandoned' | 'takeover_offered';

/** The CPO's maintain / abandon decision on a filing (S4). Append-only: the database refuses UPDATE and DELETE. */
@Entity('patent_review_decisions')
export class PatentReviewDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('uuid')
  assetId: string;

  @Column('uuid')
  filingId: string;

  @Column('text')
  decision: ReviewDecisionKind;

  @Column('text')
  reason: string;

  @Column('date')
  decidedOn: string;

  /** What the decision did: abandoning a co-owned filing first offers it to the other co-owners. */
  @Column('text')
  outcome: ReviewOutcome;

  @Column('uuid', { nullable: true })
  createdByTokenId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
