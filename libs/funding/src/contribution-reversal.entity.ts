import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('contribution_reversals')
export class ContributionReversal {
  @PrimaryColumn('uuid') contributionId: string;
  @Column('date') reversedOn: string;
  @Column('text') reason: string;
  @Column('text') idempotencyKey: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
