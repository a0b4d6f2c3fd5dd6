import type { CompanyResponse, UpdateCompanyRequest } from '@gatehouse/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const companyKeys = { all: ['company'] as const, detail: () => [...companyKeys.all, 'detail'] as const };

export const getCompany = () => api<CompanyResponse>('/api/company');
export const updateCompany = (body: UpdateCompanyRequest) => api<CompanyResponse>('/api/company', { method: 'PATCH', body });

export const companyQueryOptions = () => queryOptions({ queryKey: companyKeys.detail(), queryFn: getCompany });
export const useCompany = () => useQuery(companyQueryOptions());

export function useUpdateCompany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateCompany,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['company'] }).then(() => qc.invalidateQueries({ queryKey: ['auth'] })),
  });
}
