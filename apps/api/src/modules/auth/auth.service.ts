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

const MINUTE = 60_000;
/** A client address that signed in to an account is remembered this long (see `login`). */
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * MINUTE;
const KNOWN_ADDRESSES_MAX = 100_000;

type Limit = readonly [RateLimiter, string];

/**
 * Sign-in and sign-up limits, counted in this process (docs/security.md):
 * - sign-in: per (email, client address) and per client address, every 15 minutes, plus a slower
 *   per-email limit per hour that addresses which already signed in to that account are exempt
 *   from, so someone elsewhere guessing cannot lock the owner out;
 * - sign-up: per client address and per email, every hour, so probing which emails are taken
 *   costs as much as guessing passwords.
 */
@Injectable()
export class AuthService {
  private readonly loginByEmailAndIp: RateLimiter;
  private readonly loginByIp: RateLimiter;
  private readonly loginByEmail: RateLimiter;
  private readonly signupByIp: RateLimiter;
  private readonly signupByEmail: RateLimiter;
  /** `email \n address` → when that address last signed in to that account. */
  private readonly knownAddresses = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.loginByEmailAndIp = new RateLimiter(config.loginMaxAttempts, 15 * MINUTE);
    this.loginByIp = new RateLimiter(config.loginMaxAttemptsPerIp, 15 * MINUTE);
    this.loginByEmail = new RateLimiter(config.loginMaxAttemptsPerEmail, 60 * MINUTE);
    this.signupByIp = new RateLimiter(config.signupMaxPerIp, 60 * MINUTE);
    this.signupByEmail = new RateLimiter(config.signupMaxPerEmail, 60 * MINUTE);
  }

  async signup(input: SignupRequest, ip: string): Promise<IssuedSession> {
    if (!this.config.signupEnabled) throw AuthErrors.signupDisabled();
    const wait = take([
      [this.signupByIp, ip],
      [this.signupByEmail, input.email],
    ]);
    if (wait > 0) throw AuthErrors.tooManySignups(wait);
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

  /**
   * Every attempt takes its place in the limits before the password is checked, so concurrent
   * attempts cannot all slip under the limit while their checks run; a correct password gives
   * its place back.
   */
  async login(input: LoginRequest, ip: string): Promise<IssuedSession> {
    const pair = `${input.email}\n${ip}`;
    const limits: Limit[] = [
      [this.loginByEmailAndIp, pair],
      [this.loginByIp, ip],
    ];
    if (!this.isKnownAddress(pair)) limits.push([this.loginByEmail, input.email]);
    const wait = take(limits);
    if (wait > 0) throw AuthErrors.tooManyAttempts(wait);
    const user = await this.db.getRepository(User).findOne({ where: { email: input.email } });
    // Same work and same answer whether the email is unknown or the password wrong.
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) throw AuthErrors.invalidCredentials();
    for (const [limiter, key] of limits) limiter.release(key);
    this.loginByEmailAndIp.reset(pair);
    this.rememberAddress(pair);
    const company = await this.db.getRepository(Company).findOneOrFail({ where: { id: user.companyId } });
    return this.issue(this.db.getRepository(Session), user, company);
  }

  private isKnownAddress(pair: string): boolean {
    const at = this.knownAddresses.get(pair);
    return at !== undefined && Date.now() - at < KNOWN_ADDRESS_MS;
  }

  private rememberAddress(pair: string) {
    this.knownAddresses.delete(pair);
    this.knownAddresses.set(pair, Date.now());
    // Map order is insertion order: the first entry is the one unused longest.
    if (this.knownAddresses.size > KNOWN_ADDRESSES_MAX) this.knownAddresses.delete(this.knownAddresses.keys().next().value!);
  }

  /**
   * Ends the session only with its CSRF token: otherwise any site could sign an admin out with a
   * form post (and then sign them in to an account of its own choosing). A cookie that names no
   * session needs nothing: there is nothing to end.
   */
  async logout(token: string | undefined, csrfHeader: string | undefined): Promise<void> {
    if (!token) return;
    const repo = this.db.getRepository(Session);
    const session = await repo.findOne({ where: { tokenHash: sha256Hex(token) } });
    if (!session) return;
    if (!csrfHeader || !safeEqual(sha256Hex(csrfHeader), session.csrfHash)) throw AuthErrors.csrf();
    await repo.delete({ id: session.id });
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

/**
 * Counts one attempt in every limit, or in none when any of them is already full (an attempt
 * refused by a narrow limit must not use up a wider one). Synchronous, so no other request can
 * run between the check and the count. Returns the seconds to wait, or 0.
 */
function take(limits: readonly Limit[]): number {
  const wait = Math.max(0, ...limits.map(([limiter, key]) => limiter.blockedFor(key)));
  if (wait > 0) return wait;
  for (const [limiter, key] of limits) limiter.hit(key);
  return 0;
}

function toMe(user: User, company: Company): MeResponse {
  return { user: { id: user.id, name: user.name, email: user.email, role: 'admin' }, company: { id: company.id, name: company.name } };
}
