import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A product launched under a licence (S1's commercialisation count). Append-only. */
@Entity('licence_commercialisations')
export class Commercialisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') licenceId: string;
  @Column('date') launchedOn: string;
  @Column('text') product: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
