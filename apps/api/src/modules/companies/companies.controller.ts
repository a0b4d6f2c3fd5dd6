import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { updateCompanyRequestSchema, type CompanyResponse, type UpdateCompanyRequest } from '@gatehouse/contracts';
import { z } from 'zod';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { CurrentSession } from '../../common/http/current-session.js';
import { ZodPipe } from '../../common/http/zod-body.pipe.js';
import { CompaniesService } from './companies.service.js';

@ApiTags('company')
@Controller('api/company')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @ApiOperation({ summary: "The signed-in admin's company" })
  get(@CurrentSession() s: SessionContext): Promise<CompanyResponse> {
    return this.companies.get(s.companyId);
  }

  @Patch()
  @ApiOperation({ summary: 'Rename the company' })
  @ApiBody({ schema: z.toJSONSchema(updateCompanyRequestSchema, { io: 'input' }) as object })
  update(@CurrentSession() s: SessionContext, @Body(new ZodPipe(updateCompanyRequestSchema)) body: UpdateCompanyRequest): Promise<CompanyResponse> {
    return this.companies.update(s.companyId, body);
  }
}
