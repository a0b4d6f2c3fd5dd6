import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { loginRequestSchema, signupRequestSchema, type LoginRequest, type MeResponse, type SignupRequest } from '@gatehouse/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Public, type SessionContext } from '../../common/http/auth-kind.js';
import { readCookie } from '../../common/http/cookies.js';
import { CurrentSession } from '../../common/http/current-session.js';
import { ZodPipe } from '../../common/http/zod-body.pipe.js';
import { AuthService, type IssuedSession } from './auth.service.js';
import { authCookies } from './auth-cookies.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('signup')
  @ApiOperation({ summary: 'Create a company and its first admin, and sign in' })
  @ApiBody({ schema: z.toJSONSchema(signupRequestSchema, { io: 'input' }) as object })
  async signup(@Body(new ZodPipe(signupRequestSchema)) body: SignupRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<MeResponse> {
    return this.setCookies(res, await this.auth.signup(body, req.ip ?? 'unknown'));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiBody({ schema: z.toJSONSchema(loginRequestSchema, { io: 'input' }) as object })
  async login(@Body(new ZodPipe(loginRequestSchema)) body: LoginRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<MeResponse> {
    return this.setCookies(res, await this.auth.login(body, req.ip ?? 'unknown'));
  }

  // Public so that a browser with an expired or unknown session can still clear its cookies; a
  // live session is only ended with its CSRF token (AuthService.logout).
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the current session (needs the x-csrf-token header while the session is live)' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const names = authCookies(this.config);
    const csrf = req.headers['x-csrf-token'];
    await this.auth.logout(readCookie(req, names.session), typeof csrf === 'string' ? csrf : undefined);
    res.clearCookie(names.session, { path: '/', secure: names.secure });
    res.clearCookie(names.csrf, { path: '/', secure: names.secure });
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in admin and their company' })
  me(@CurrentSession() session: SessionContext): Promise<MeResponse> {
    return this.auth.me(session);
  }

  private setCookies(res: Response, issued: IssuedSession): MeResponse {
    const { session, csrf, secure } = authCookies(this.config);
    res.cookie(session, issued.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: issued.expiresAt });
    // Readable by the web app, which echoes it in x-csrf-token on every mutating request.
    res.cookie(csrf, issued.csrfToken, { httpOnly: false, sameSite: 'lax', secure, path: '/', expires: issued.expiresAt });
    return issued.me;
  }
}
