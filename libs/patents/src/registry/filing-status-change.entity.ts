import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IpFilingStatus } from './filing-status';

/** A filing's status change, with its date and who recorded it. Append-only. */
@Entity('ip_filing_status_history')
export class IpFilingStatusChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid')
  filingId: string;

  /** Null for the status the filing was registered with. */
  @Column('text', { nullable: true })
  fromStatus: IpFilingStatus | null;

  @Column('text')
  toStatus: IpFilingStatus;

  @Column('date')
  effectiveOn: string;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { nullable: true })
  actorTokenId: string | null;

  @Column('text')
  actorLabel: string;

  @Column('timestamptz', { default: () => 'now()' })
  recordedAt: Date;
}
