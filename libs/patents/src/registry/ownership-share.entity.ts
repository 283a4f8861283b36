import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One owner's share (共有持分) in an ownership version; a version's shares add up to 10000 bp. */
@Entity('ip_ownership_shares')
export class IpOwnershipShare {
  @PrimaryColumn('uuid')
  versionId: string;

  @PrimaryColumn('uuid')
  organisationId: string;

  @Column('smallint')
  position: number;

  @Column('integer')
  shareBp: number;
}
