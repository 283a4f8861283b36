import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

/** The platform's standard licence terms from a date (set by the CPO). Append-only. */
@Entity('licence_standard_terms')
export class LicenceStandardTerms {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') platformId: string;
  @Column('date') effectiveFrom: string;
  @Column('bigint', { transformer: bigintTransformer }) upfrontFeeYen: bigint;
  @Column('integer') royaltyBp: number;
  @Column('bigint', { transformer: bigintTransformer }) annualMinimumYen: bigint;
  @Column('integer') ipFundShareBp: number;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
