import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('ip_asset_inventors')
export class IpAssetInventor {
  @PrimaryColumn('uuid')
  assetId: string;

  @PrimaryColumn('smallint')
  position: number;

  @Column('text')
  name: string;

  @Column('uuid', { nullable: true })
  organisationId: string | null;
}
