import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Consideration, NonOwnerRight } from './sakura-terms';

/** A non-owner party's right on a foreground asset, from its agreement's Sakura type (append-only). */
@Entity('ip_asset_options')
export class IpAssetOption {
  @PrimaryColumn('uuid')
  assetId: string;

  @PrimaryColumn('uuid')
  organisationId: string;

  @Column('smallint')
  sakuraType: number;

  @Column('text', { name: 'right_kind' })
  right: NonOwnerRight;

  @Column('text')
  consideration: Consideration;

  @Column('integer', { nullable: true })
  optionPeriodMonths: number | null;

  @Column('date')
  startsOn: string;

  /** Last day the option may be exercised; null for licences. */
  @Column('date', { nullable: true })
  endsOn: string | null;
}
