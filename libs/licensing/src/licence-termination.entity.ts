import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A licence ended before its term: `endsOn` is its last day. Append-only, one per licence. */
@Entity('licence_terminations')
export class LicenceTermination {
  @PrimaryColumn('uuid') licenceId: string;
  @Column('date') endsOn: string;
  @Column('text') reason: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
