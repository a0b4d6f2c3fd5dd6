import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LoginRequest, MeResponse, SignupRequest } from '@gatehouse/contracts';
import { DataSource, MoreThan, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { randomToken, safeEqual, sha256Hex } from '../../common/crypto.js';
import { RateLimiter } from '../../common/rate-limiter.js';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { Company } from '../companies/entities/company.entity.js';
import { User } from '../companies/entities/user.entity.js';
import { AuthErrors } from './auth.errors.js';
import { Session } from './entities/session.entity.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';

export type IssuedSession = { token: string; csrfToken: string; expiresAt: Date; me: MeResponse };

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AuthService {
  private readonly byEmail: RateLimiter;
  private readonly byIp: RateLimiter;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.byEmail = new RateLimiter(config.loginMaxAttempts, 15 * 60_000);
    this.byIp = new RateLimiter(config.loginMaxAttempts * 5, 15 * 60_000);
  }

  async signup(input: SignupRequest): Promise<IssuedSession> {
    if (!this.config.signupEnabled) throw AuthErrors.signupDisabled();
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.transaction(async (em) => {
        const company = await em.save(em.create(Company, { name: input.companyName }));
        const user = await em.save(em.create(User, { companyId: company.id, name: input.name, email: input.email, passwordHash, role: 'admin' }));
        return this.issue(em.getRepository(Session), user, company);
      });
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw AuthErrors.emailTaken();
      throw err;
    }
  }

  async login(input: LoginRequest, ip: string): Promise<IssuedSession> {
    const wait = Math.max(this.byEmail.blockedFor(input.email), this.byIp.blockedFor(ip));
    if (wait > 0) throw AuthErrors.tooManyAttempts(wait);
    const user = await this.db.getRepository(User).findOne({ where: { email: input.email } });
    // Same work and same answer whether the email is unknown or the password wrong.
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) {
      this.byEmail.hit(input.email);
      this.byIp.hit(ip);
      throw AuthErrors.invalidCredentials();
    }
    this.byEmail.reset(input.email);
    const company = await this.db.getRepository(Company).findOneOrFail({ where: { id: user.companyId } });
    return this.issue(this.db.getRepository(Session), user, company);
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.db.getRepository(Session).delete({ tokenHash: sha256Hex(token) });
  }

  /** Resolves a session cookie; for unsafe methods also checks the CSRF token. */
  async authenticate(token: string | undefined, csrfHeader: string | undefined, unsafe: boolean): Promise<SessionContext> {
    if (!token) throw AuthErrors.notSignedIn();
    const session = await this.db.getRepository(Session).findOne({ where: { tokenHash: sha256Hex(token), expiresAt: MoreThan(new Date()) } });
    if (!session) throw AuthErrors.notSignedIn();
    if (unsafe && (!csrfHeader || !safeEqual(sha256Hex(csrfHeader), session.csrfHash))) throw AuthErrors.csrf();
    return { kind: 'session', sessionId: session.id, userId: session.userId, companyId: session.companyId };
  }

  async me(ctx: SessionContext): Promise<MeResponse> {
    const user = await this.db.getRepository(User).findOne({ where: { id: ctx.userId, companyId: ctx.companyId } });
    const company = await this.db.getRepository(Company).findOne({ where: { id: ctx.companyId } });
    if (!user || !company) throw AuthErrors.notSignedIn();
    return toMe(user, company);
  }

  private async issue(repo: Repository<Session>, user: User, company: Company): Promise<IssuedSession> {
    const token = randomToken();
    const csrfToken = randomToken(18);
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    await repo.insert({ tokenHash: sha256Hex(token), csrfHash: sha256Hex(csrfToken), userId: user.id, companyId: company.id, expiresAt });
    // Expired sessions are swept opportunistically; they are already unusable.
    await repo.createQueryBuilder().delete().where('expires_at < now()').execute();
    return { token, csrfToken, expiresAt, me: toMe(user, company) };
  }
}

function toMe(user: User, company: Company): MeResponse {
  return { user: { id: user.id, name: user.name, email: user.email, role: 'admin' }, company: { id: company.id, name: company.name } };
}
