import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';
import { AssetEntitlement } from './domain';

export type LicenceRequestStatus = 'pending' | 'needs_committee' | 'approved' | 'rejected';

/** A member's request for a licence, priced from its entitlements when made. */
@Entity('licence_requests')
export class LicenceRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') platformId: string;
  @Column('uuid') organisationId: string;
  @Column('uuid', { array: true }) assetIds: string[];
  @Column('text') fieldOfUse: string;
  @Column('text', { array: true }) territory: string[];
  @Column('boolean') exclusive: boolean;
  @Column('boolean') sublicensing: boolean;
  @Column('date') termStart: string;
  @Column('date') termEnd: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') status: LicenceRequestStatus;
  @Column('uuid', { nullable: true }) standardTermsId: string | null;
  @Column('integer', { nullable: true }) discountBp: number | null;
  @Column('bigint', { nullable: true, transformer: bigintTransformer }) upfrontFeeYen:
    bigint | null;
  @Column('integer', { nullable: true }) royaltyBp: number | null;
  @Column('bigint', { nullable: true, transformer: bigintTransformer }) annualMinimumYen:
    bigint | null;
  @Column('integer', { nullable: true }) ipFundShareBp: number | null;
  /** The entitlement behind each asset's price: right, discount, rule and reason text. */
  @Column('jsonb') entitlements: AssetEntitlement[];
  @Column('date', { nullable: true }) decidedOn: string | null;
  @Column('text', { nullable: true }) decisionReason: string | null;
  @Column('uuid', { nullable: true }) decidedByTokenId: string | null;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
