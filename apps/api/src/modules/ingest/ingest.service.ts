import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { LastPushesResponse, ListRecordsQuery, SubmissionResponse, SyncStatusResponse } from '@gatehouse/contracts';
import type { DataSource, Repository } from 'typeorm';
import { forCompany } from '../../common/tenant.js';
import { escapeLike, IntegrationsService } from '../integrations/integrations.service.js';
import { IngestSubmission } from './entities/ingest-submission.entity.js';
import { IngestErrors } from './ingest.errors.js';
import { toContextSyncStatus, toRecordsPageJson, toSubmissionResponse, type ContextActivity } from './ingest.mapper.js';

/** What admins see of pushed evidence. Every read first resolves the integration in their company. */
@Injectable()
export class IngestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(IngestSubmission) private readonly submissions: Repository<IngestSubmission>,
    private readonly integrations: IntegrationsService,
  ) {}

  /** Pushes to one context, newest first, accepted and refused. */
  async listSubmissions(companyId: string, integrationId: string, contextKey: string, limit: number): Promise<SubmissionResponse[]> {
    const { context } = await this.integrations.findContextForCompany(companyId, integrationId, contextKey);
    const rows = await this.submissions.find({
      where: forCompany<IngestSubmission>(companyId, { integrationId, contextKey: context.key }),
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map(toSubmissionResponse);
  }

  /** The newest push (accepted or refused) of each of the company's integrations, for the Integrations page's cards. */
  async lastPushes(companyId: string): Promise<LastPushesResponse> {
    type Row = { integration_id: string; context_key: string; status: 'accepted' | 'refused'; received_at: Date; record_count: number; error_count: number };
    const rows: Row[] = await this.dataSource.query(
      `SELECT DISTINCT ON (integration_id) integration_id, context_key, status, received_at, record_count, error_count
         FROM ingest_submissions WHERE company_id = $1
        ORDER BY integration_id, received_at DESC, id DESC`,
      [companyId],
    );
    return rows.map((r) => ({
      integrationId: r.integration_id,
      context: r.context_key,
      at: new Date(r.received_at).toISOString(),
      status: r.status,
      recordCount: r.record_count,
      errorCount: r.error_count,
    }));
  }

  /** One line per context the integration accepts: its last push and the data it holds now. */
  async syncStatus(companyId: string, integrationId: string): Promise<SyncStatusResponse> {
    const integration = await this.integrations.get(companyId, integrationId);
    type Row = { context_key: string; status: 'accepted' | 'refused'; received_at: Date; record_count: number; error_count: number };
    // The newest submission per context and the newest accepted one, each read off the
    // (integration_id, context_key, received_at DESC) index.
    const [last, accepted]: [Row[], Row[]] = await Promise.all([
      this.dataSource.query(
        `SELECT DISTINCT ON (context_key) context_key, status, received_at, record_count, error_count
           FROM ingest_submissions WHERE company_id = $1 AND integration_id = $2
          ORDER BY context_key, received_at DESC, id DESC`,
        [companyId, integrationId],
      ),
      this.dataSource.query(
        `SELECT DISTINCT ON (context_key) context_key, status, received_at, record_count, error_count
           FROM ingest_submissions WHERE company_id = $1 AND integration_id = $2 AND status = 'accepted'
          ORDER BY context_key, received_at DESC, id DESC`,
        [companyId, integrationId],
      ),
    ]);
    const lastBy = new Map(last.map((r) => [r.context_key, r]));
    const acceptedBy = new Map(accepted.map((r) => [r.context_key, r]));
    const activity = (key: string): ContextActivity => {
      const l = lastBy.get(key);
      const a = acceptedBy.get(key);
      return {
        last: l ? { receivedAt: new Date(l.received_at), status: l.status, recordCount: l.record_count, errorCount: l.error_count } : null,
        lastAccepted: a ? { receivedAt: new Date(a.received_at), recordCount: a.record_count } : null,
      };
    };
    return integration.contexts.map((c) => toContextSyncStatus(c.key, activity(c.key)));
  }

  /**
   * A page of one accepted submission's records (the latest by default), optionally searched,
   * as the JSON text of a RecordsPageResponse: each record is spliced in as it was sent.
   */
  async listRecords(companyId: string, integrationId: string, contextKey: string, query: ListRecordsQuery): Promise<string> {
    const { context } = await this.integrations.findContextForCompany(companyId, integrationId, contextKey);
    const submissionId = await this.resolveSubmission(companyId, integrationId, context.key, query.submission);
    const page = { page: query.page, pageSize: query.pageSize };
    if (submissionId === null) return toRecordsPageJson({ submissionId: null, total: 0, ...page }, []);

    const params: unknown[] = [submissionId, companyId];
    let filter = '';
    if (query.q !== undefined) {
      params.push(`%${escapeLike(query.q)}%`);
      filter = ` AND data::text ILIKE $${params.length}`;
    }
    const [{ total }]: [{ total: number }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ingest_records WHERE submission_id = $1 AND company_id = $2${filter}`,
      params,
    );
    // The text as sent; records stored before it was kept have only their jsonb copy.
    const rows: { idx: number; json: string }[] = await this.dataSource.query(
      `SELECT idx, COALESCE(raw_json, data::text) AS json FROM ingest_records WHERE submission_id = $1 AND company_id = $2${filter}
        ORDER BY idx LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return toRecordsPageJson({ submissionId, total, ...page }, rows.map((r) => ({ index: r.idx, json: r.json })));
  }

  /** `latest` is the newest accepted submission (null before the first); an id must be accepted and in this context. */
  private async resolveSubmission(companyId: string, integrationId: string, contextKey: string, submission: string): Promise<string | null> {
    const where = forCompany<IngestSubmission>(companyId, { integrationId, contextKey, status: 'accepted' });
    if (submission === 'latest') {
      const latest = await this.submissions.findOne({ select: { id: true }, where, order: { receivedAt: 'DESC', id: 'DESC' } });
      return latest?.id ?? null;
    }
    const row = await this.submissions.findOne({ select: { id: true }, where: { ...where, id: submission } });
    if (!row) throw IngestErrors.submissionNotFound();
    return row.id;
  }
}
