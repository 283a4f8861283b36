import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('platforms')
export class Platform {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('uuid')
  leadInstitutionId: string;

  @Column('smallint')
  fiscalYearStartMonth: number;

  @Column('date')
  establishedOn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
