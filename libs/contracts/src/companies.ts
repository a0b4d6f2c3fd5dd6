import { z } from 'zod';

export const updateCompanyRequestSchema = z.strictObject({
  name: z.string({ error: 'name is required' }).trim().min(1, 'name must not be empty').max(100, 'name must be at most 100 characters'),
});
export type UpdateCompanyRequest = z.infer<typeof updateCompanyRequestSchema>;

export const companyResponseSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
export type CompanyResponse = z.infer<typeof companyResponseSchema>;
