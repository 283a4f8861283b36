import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CostBearingRules, MemberClassRules } from './policy-terms';

/** One immutable version of a platform's policy; the database refuses UPDATE and DELETE. */
@Entity('policy_versions')
export class PolicyVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('int')
  version: number;

  @Column('date')
  effectiveFrom: string;

  @Column('int')
  overheadRateBp: number;

  @Column('int')
  standardOverheadRateBp: number;

  @Column('jsonb')
  memberClassRules: MemberClassRules;

  @Column('jsonb')
  costBearingRules: CostBearingRules;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
