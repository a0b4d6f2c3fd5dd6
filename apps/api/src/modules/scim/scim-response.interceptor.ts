import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { SCIM_CONTENT_TYPE } from '@gatehouse/scim';
import type { Response } from 'express';
import type { Observable } from 'rxjs';

/** SCIM answers are application/scim+json (RFC 7644 §3.1); errors get the same from ScimExceptionFilter. */
@Injectable()
export class ScimResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<Response>().setHeader('Content-Type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
    return next.handle();
  }
}
