import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type {
  ConnectorCallDetailResponse,
  ConnectorCallListResponse,
  ConnectorListResponse,
  ConnectorResponse,
  ConnectorStatusResponse,
  CopyConnectorRequest,
  CreateConnectorRequest,
  ListConnectorCallsQuery,
  SetConnectorSecretRequest,
  UpdateConnectorRequest,
} from '@gatehouse/contracts';
import { SECRET_IN_AUTH_MESSAGE, authSecretFields, connectorProblems, newSecretDestinations, secretDestinations, validateAuthConfig, withoutAuthSecrets } from '@gatehouse/mapping';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { isUuid, forCompany, lockCompany } from '../../common/tenant.js';
import { SecretsService } from '../../common/secrets/secrets.service.js';
import { ConnectorCallLog } from './connector-call-log.service.js';
import { ConnectorChanges } from './connector-changes.js';
import { ConnectorExecutor, secretContext } from './connector-executor.service.js';
import { toConnectorResponse } from './connector.mapper.js';
import { Connector } from './entities/connector.entity.js';
import { ConnectorErrors, TargetRefusedError } from './http-connector.errors.js';
import { OutboundHttp } from './outbound-http.js';

type CheckedFields = Pick<Connector, 'type' | 'enabled' | 'auth' | 'capabilities' | 'mappings' | 'scimBaseUrl' | 'allowInsecureHttp' | 'deactivationAsDelete'>;

const UNIQUE_VIOLATION = '23505';

const authType = (auth: Record<string, unknown> | null): unknown => auth?.type ?? null;

/** Owns the connectors table: every read and write of an instance goes through here. */
@Injectable()
export class HttpConnectorService {
  constructor(
    @InjectRepository(Connector) private readonly connectors: Repository<Connector>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: SecretsService,
    private readonly executor: ConnectorExecutor,
    private readonly callLog: ConnectorCallLog,
    private readonly http: OutboundHttp,
    private readonly changes: ConnectorChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(companyId: string): Promise<ConnectorListResponse> {
    const rows = await this.connectors.find({ where: forCompany<Connector>(companyId), order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: rows.map(toConnectorResponse) };
  }

  async get(companyId: string, id: string): Promise<ConnectorResponse> {
    return toConnectorResponse(await this.getEntity(companyId, id));
  }

  /** Its last call and last error, read from the row the call log updates with every call. */
  async status(companyId: string, id: string): Promise<ConnectorStatusResponse> {
    const { lastCallAt, lastError } = toConnectorResponse(await this.getEntity(companyId, id));
    return { lastCallAt, lastError };
  }

  /** The stored instance (secret still encrypted), for the executor and other modules. 404 when not the company's. */
  async getEntity(companyId: string, id: string, em?: EntityManager): Promise<Connector> {
    if (!isUuid(id)) throw ConnectorErrors.notFound();
    const repo = em ? em.getRepository(Connector) : this.connectors;
    const row = await repo.findOne({ where: forCompany<Connector>(companyId, { id }) });
    if (!row) throw ConnectorErrors.notFound();
    return row;
  }

  async create(companyId: string, input: CreateConnectorRequest): Promise<ConnectorResponse> {
    const draft = {
      companyId,
      name: input.name,
      type: input.type,
      enabled: input.enabled,
      auth: input.auth,
      capabilities: input.capabilities,
      mappings: input.mappings,
      deactivationAsDelete: input.deactivationAsDelete,
      allowInsecureHttp: input.allowInsecureHttp,
      scimBaseUrl: input.scimBaseUrl,
      idpProfile: input.idpProfile,
    };
    this.checkConfig(draft);
    const saved = await this.uniqueName(input.name, () => this.withinCap(companyId, (repo) => repo.save(repo.create({ ...draft, secretCiphertext: null }))));
    return toConnectorResponse(saved);
  }

  /**
   * Applies a change. When it would send the secret (or tokens obtained with it) to a server it
   * was not sent to before (a url_template's host, oauth_token_url, scimBaseUrl), or send an
   * OAuth client secret to the app under another auth type, the stored secret is cleared in the same transaction and the answer says
   * `secretCleared: true`: whoever points the connector elsewhere must know the secret to send it there.
   */
  async update(companyId: string, id: string, input: UpdateConnectorRequest): Promise<ConnectorResponse> {
    let secretCleared = false;
    const updated = await this.uniqueName(input.name ?? '', () =>
      this.db.transaction(async (em) => {
        const row = await this.getEntity(companyId, id, em);
        const before = { auth: row.auth, mappings: row.mappings, scimBaseUrl: row.scimBaseUrl };
        if (input.name !== undefined) row.name = input.name;
        if (input.enabled !== undefined) row.enabled = input.enabled;
        if (input.auth !== undefined) row.auth = input.auth;
        if (input.capabilities !== undefined) row.capabilities = input.capabilities;
        if (input.mappings !== undefined) row.mappings = input.mappings;
        if (input.deactivationAsDelete !== undefined) row.deactivationAsDelete = input.deactivationAsDelete;
        if (input.allowInsecureHttp !== undefined) row.allowInsecureHttp = input.allowInsecureHttp;
        if (input.scimBaseUrl !== undefined) row.scimBaseUrl = input.scimBaseUrl;
        if (input.idpProfile !== undefined) row.idpProfile = input.idpProfile;
        this.checkConfig(row);
        // An OAuth client secret only ever went to the token endpoint; under any other type it
        // would go to the app itself. (Between the other types the secret keeps its servers, and
        // the usual order in the UI - pick the type, set its secret, save - must not lose it.)
        const leavesOAuth = authType(before.auth) === 'oauth2_client_credentials' && authType(row.auth) !== 'oauth2_client_credentials';
        // A secret set before any server was configured (the setup order the connector page
        // invites: auth first, then mappings) goes to the first servers saved.
        const repointed = secretDestinations(before).length > 0 && newSecretDestinations(before, row).length > 0;
        secretCleared = row.secretCiphertext !== null && (leavesOAuth || repointed);
        if (secretCleared) row.secretCiphertext = null;
        return em.getRepository(Connector).save(row);
      }),
    );
    if (secretCleared) this.executor.forget(updated.id);
    this.changes.changed(updated.id);
    return secretCleared ? { ...toConnectorResponse(updated), secretCleared } : toConnectorResponse(updated);
  }

  async remove(companyId: string, id: string): Promise<void> {
    const row = await this.getEntity(companyId, id);
    await this.connectors.delete(forCompany<Connector>(companyId, { id: row.id }));
    this.executor.forget(row.id);
    this.changes.changed(row.id);
  }

  async setSecret(companyId: string, id: string, input: SetConnectorSecretRequest): Promise<ConnectorResponse> {
    const row = await this.getEntity(companyId, id);
    row.secretCiphertext = this.secrets.encrypt(input.api_token, secretContext(row.id));
    const saved = await this.connectors.save(row);
    this.executor.forget(row.id);
    this.changes.changed(row.id);
    return toConnectorResponse(saved);
  }

  /** A new, disabled instance with the same non-secret settings; secrets are never copied. */
  async copy(companyId: string, id: string, input: CopyConnectorRequest): Promise<ConnectorResponse> {
    const source = await this.getEntity(companyId, id);
    const saved = await this.uniqueName(input.name, () =>
      this.withinCap(companyId, (repo) =>
        repo.save(
          repo.create({
            companyId,
            name: input.name,
            type: source.type,
            enabled: false,
            // Refused on save since; a row older than that may still hold one.
            auth: source.auth === null ? null : withoutAuthSecrets(source.auth),
            capabilities: source.capabilities,
            mappings: source.mappings,
            deactivationAsDelete: source.deactivationAsDelete,
            allowInsecureHttp: source.allowInsecureHttp,
            scimBaseUrl: source.scimBaseUrl,
            idpProfile: source.idpProfile,
            secretCiphertext: null,
          }),
        ),
      ),
    );
    return toConnectorResponse(saved);
  }

  async listCalls(companyId: string, id: string, query: ListConnectorCallsQuery): Promise<ConnectorCallListResponse> {
    const row = await this.getEntity(companyId, id);
    return this.callLog.list(companyId, row.id, query);
  }

  async getCall(companyId: string, id: string, callId: string): Promise<ConnectorCallDetailResponse> {
    const row = await this.getEntity(companyId, id);
    return this.callLog.get(companyId, row.id, callId);
  }

  /**
   * What every save checks. Custom HTTP: an enabled instance must be free of the problems
   * connectorProblems says block a save (the engine's validation, placeholder syntax, the HTTPS
   * rule on every URL); a disabled one may be unfinished. The problems that only warn (no secret
   * yet, deactivation as delete without delete_user) never refuse a save. A stored configuration
   * that a newer rule refuses still loads and runs its other operations; it is refused on its
   * next enabled save until fixed. SCIM proxy: a usable base URL always, valid auth when
   * enabled, and no capabilities or mappings (nothing would read them).
   */
  private checkConfig(c: CheckedFields): void {
    const secretFields = authSecretFields(c.auth);
    if (secretFields.length > 0) throw ConnectorErrors.secretInAuth(secretFields, SECRET_IN_AUTH_MESSAGE);
    if (c.type === 'scim_proxy') return this.checkProxyConfig(c);
    if (c.scimBaseUrl !== null) throw ConnectorErrors.invalidInput('scimBaseUrl', 'scimBaseUrl is only used by scim_proxy connectors');
    if (!c.enabled) return;
    // auth null is passed on, so the engine reports it as missing in its own words.
    const blocking = connectorProblems({ ...c, production: this.config.nodeEnv === 'production' }).filter((p) => p.blocksSave);
    if (blocking.length > 0) throw ConnectorErrors.invalidConfig(blocking.map(({ path, message }) => ({ path, message })));
  }

  private checkProxyConfig(c: CheckedFields): void {
    if (c.scimBaseUrl === null) throw ConnectorErrors.invalidInput('scimBaseUrl', "scimBaseUrl is required for a SCIM proxy: the app's SCIM 2.0 base URL");
    try {
      // The rules every outbound call follows (https unless allowed, no credentials in the URL,
      // no private address literals), checked now rather than at the first IdP request.
      this.http.checkTarget(c.scimBaseUrl, c.allowInsecureHttp);
    } catch (err) {
      if (err instanceof TargetRefusedError) throw ConnectorErrors.invalidInput('scimBaseUrl', err.message);
      throw err;
    }
    for (const field of ['capabilities', 'mappings'] as const) {
      if (Object.keys(c[field] ?? {}).length > 0) {
        throw ConnectorErrors.invalidInput(field, `${field} are not used by a SCIM proxy (the app's SCIM API answers every request); leave them empty`);
      }
    }
    if (!c.enabled) return;
    const issues = validateAuthConfig(c.auth);
    if (issues.length > 0) throw ConnectorErrors.invalidConfig(issues);
  }

  /** Adds a connector unless the company already has as many as MAX_CONNECTORS_PER_COMPANY. */
  private withinCap(companyId: string, write: (repo: Repository<Connector>) => Promise<Connector>): Promise<Connector> {
    return this.db.transaction(async (em) => {
      await lockCompany(em, companyId);
      const repo = em.getRepository(Connector);
      const count = await repo.count({ where: forCompany<Connector>(companyId) });
      if (count >= this.config.maxConnectorsPerCompany) throw ConnectorErrors.tooMany(this.config.maxConnectorsPerCompany);
      return write(repo);
    });
  }

  private async uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION || (err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw ConnectorErrors.nameTaken(name);
      }
      throw err;
    }
  }
}
