import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CompanyResponse, UpdateCompanyRequest } from '@gatehouse/contracts';
import type { Repository } from 'typeorm';
import { notFound } from '../../common/errors/app-error.js';
import { Company } from './entities/company.entity.js';

@Injectable()
export class CompaniesService {
  constructor(@InjectRepository(Company) private readonly companies: Repository<Company>) {}

  async get(companyId: string): Promise<CompanyResponse> {
    const company = await this.companies.findOne({ where: { id: companyId } });
    if (!company) throw notFound('Company');
    return toResponse(company);
  }

  async update(companyId: string, input: UpdateCompanyRequest): Promise<CompanyResponse> {
    await this.companies.update({ id: companyId }, { name: input.name });
    return this.get(companyId);
  }
}

const toResponse = (c: Company): CompanyResponse => ({ id: c.id, name: c.name, createdAt: c.createdAt.toISOString() });
