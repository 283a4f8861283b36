import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainError, LocalDate } from '@app/kernel';
import { Actor, AuditService } from '@app/access';
import { platformNotFound } from '@app/membership';
import { JointResearchAgreementCompany } from './joint-research-agreement-company.entity';
import { JointResearchAgreement } from './joint-research-agreement.entity';
import { agreementNotFound, sakuraTypeNotFound } from './registry-errors';
import { SakuraType } from './sakura-type.entity';

export interface NewAgreement {
  projectId: string;
  sakuraType: number;
  universityId: string;
  companyIds: string[];
  signedOn: LocalDate;
  title: string;
}

export interface AgreementView {
  agreement: JointResearchAgreement;
  /** In the agreement's order. */
  companyIds: string[];
}

const INSTITUTION_KINDS = ['university', 'research_agency', 'tlo'];

@Injectable()
export class AgreementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a joint-research agreement of a project: a university (or research agency) and one
   * or more companies, all participants of the project, under a Sakura type.
   */
  async create(actor: Actor, platformId: string, input: NewAgreement): Promise<AgreementView> {
    if (input.companyIds.length === 0) {
      throw DomainError.validation(
        'AGREEMENT.NO_COMPANY',
        'a joint-research agreement has at least one company',
        { field: 'companyIds' },
      );
    }
    const dup = input.companyIds.findIndex(
      (id, i) => id === input.universityId || input.companyIds.indexOf(id) !== i,
    );
    if (dup >= 0) {
      throw DomainError.validation(
        'AGREEMENT.DUPLICATE_PARTY',
        'each party of an agreement is listed once',
        { field: `companyIds[${dup}]` },
      );
    }
    return this.dataSource.transaction(async (em) => {
      const platform: unknown[] = await em.query('SELECT 1 FROM platforms WHERE id = $1', [
        platformId,
      ]);
      if (platform.length === 0) throw platformNotFound(platformId);
      const project: unknown[] = await em.query(
        'SELECT 1 FROM research_projects WHERE id = $1 AND platform_id = $2',
        [input.projectId, platformId],
      );
      if (project.length === 0) {
        throw DomainError.notFound(
          'PROJECT.NOT_FOUND',
          `project ${input.projectId} is not a project of this platform`,
          { field: 'projectId' },
        );
      }
      const type = await em.findOne(SakuraType, { where: { type: input.sakuraType } });
      if (!type) throw sakuraTypeNotFound(input.sakuraType, 'sakuraType');

      const parties = [input.universityId, ...input.companyIds];
      const fieldOf = (i: number) => (i === 0 ? 'universityId' : `companyIds[${i - 1}]`);
      const rows: { id: string; kind: string; participant: boolean }[] = await em.query(
        `SELECT o.id, o.kind, EXISTS (SELECT 1 FROM project_participants pp WHERE pp.project_id = $2 AND pp.organisation_id = o.id) AS participant
           FROM organisations o WHERE o.id = ANY($1::uuid[])`,
        [parties, input.projectId],
      );
      for (const [i, id] of parties.entries()) {
        const row = rows.find((r) => r.id === id);
        if (!row)
          throw DomainError.notFound(
            'ORGANISATION.NOT_FOUND',
            `organisation ${id} does not exist`,
            { field: fieldOf(i) },
          );
        if (i === 0 && !INSTITUTION_KINDS.includes(row.kind)) {
          throw DomainError.unprocessable(
            'AGREEMENT.UNIVERSITY_NOT_INSTITUTION',
            'the university side of an agreement is a university, research agency or TLO',
            {
              field: fieldOf(i),
            },
          );
        }
        if (i > 0 && row.kind !== 'company') {
          throw DomainError.unprocessable(
            'AGREEMENT.PARTY_NOT_COMPANY',
            `organisation ${id} is not a company`,
            { field: fieldOf(i) },
          );
        }
        if (!row.participant) {
          throw DomainError.unprocessable(
            'AGREEMENT.PARTY_NOT_PARTICIPANT',
            `organisation ${id} does not take part in the project`,
            { field: fieldOf(i) },
          );
        }
      }

      const agreement = await em.save(
        em.create(JointResearchAgreement, {
          platformId,
          projectId: input.projectId,
          sakuraType: input.sakuraType,
          universityId: input.universityId,
          title: input.title,
          signedOn: input.signedOn,
          createdByTokenId: actor.tokenId,
        }),
      );
      await em.insert(
        JointResearchAgreementCompany,
        input.companyIds.map((organisationId, position) => ({
          agreementId: agreement.id,
          organisationId,
          position,
        })),
      );
      const view = { agreement, companyIds: [...input.companyIds] };
      await this.audit.record(em, actor, {
        action: 'agreement.created',
        entityType: 'joint_research_agreement',
        entityId: agreement.id,
        platformId,
        after: view,
      });
      return view;
    });
  }

  async list(platformId: string, projectId?: string): Promise<AgreementView[]> {
    const em = this.dataSource.manager;
    const agreements = await em.find(JointResearchAgreement, {
      where: projectId ? { platformId, projectId } : { platformId },
      order: { signedOn: 'ASC', createdAt: 'ASC' },
    });
    return this.withCompanies(em, agreements);
  }

  async get(platformId: string, id: string): Promise<AgreementView> {
    const em = this.dataSource.manager;
    const agreement = await em.findOne(JointResearchAgreement, { where: { id, platformId } });
    if (!agreement) throw agreementNotFound(id);
    return (await this.withCompanies(em, [agreement]))[0];
  }

  /** An agreement of the platform inside the caller's transaction, or null. */
  async findIn(em: EntityManager, platformId: string, id: string): Promise<AgreementView | null> {
    const agreement = await em.findOne(JointResearchAgreement, { where: { id, platformId } });
    return agreement ? (await this.withCompanies(em, [agreement]))[0] : null;
  }

  private async withCompanies(
    em: EntityManager,
    agreements: JointResearchAgreement[],
  ): Promise<AgreementView[]> {
    if (agreements.length === 0) return [];
    const companies = await em.find(JointResearchAgreementCompany, {
      where: { agreementId: In(agreements.map((a) => a.id)) },
      order: { position: 'ASC' },
    });
    return agreements.map((agreement) => ({
      agreement,
      companyIds: companies
        .filter((c) => c.agreementId === agreement.id)
        .map((c) => c.organisationId),
    }));
  }
}
