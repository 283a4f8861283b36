import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';
import { AssetEntitlement } from './domain';

/** A licence agreement, created when the CPO approves a request. Append-only. */
@Entity('licences')
export class Licence {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') platformId: string;
  @Column('uuid') requestId: string;
  @Column('uuid') organisationId: string;
  @Column('uuid', { array: true }) assetIds: string[];
  @Column('text') fieldOfUse: string;
  @Column('text', { array: true }) territory: string[];
  @Column('boolean') exclusive: boolean;
  @Column('boolean') sublicensing: boolean;
  @Column('date') termStart: string;
  @Column('date') termEnd: string;
  @Column('bigint', { transformer: bigintTransformer }) upfrontFeeYen: bigint;
  @Column('integer') royaltyBp: number;
  @Column('bigint', { transformer: bigintTransformer }) annualMinimumYen: bigint;
  @Column('integer') ipFundShareBp: number;
  @Column('integer') discountBp: number;
  @Column('jsonb') entitlements: AssetEntitlement[];
  @Column('text') status: 'active';
  @Column('date') grantedOn: string;
  @Column('uuid', { nullable: true }) upfrontEntryId: string | null;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
