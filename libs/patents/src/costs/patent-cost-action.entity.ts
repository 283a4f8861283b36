import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type PatentCostActionKind = 'approve' | 'pay' | 'reversal' | 'cancel';

/** An approval, payment, reversal or cancellation of a cost: at most one of each, with its key. */
@Entity('patent_cost_actions')
export class PatentCostAction {
  @PrimaryColumn('uuid') costId: string;
  @PrimaryColumn('text') action: PatentCostActionKind;
  @Column('date') actedOn: string;
  @Column('text') idempotencyKey: string;
  @Column('text', { select: false }) requestHash: string;
  @Column('uuid', { nullable: true }) entryId: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
