import { z } from 'zod';

// Response shapes of the monitoring catalog: GET /api/monitoring-categories and
// GET /api/monitorings. The catalog itself lives in @gatehouse/schemas; the API serves it.

/** A record JSON Schema as served: an object, shown to customers and used for validation. */
export const recordJsonSchemaSchema = z.record(z.string(), z.unknown());
export type RecordJsonSchema = z.infer<typeof recordJsonSchemaSchema>;

export const categoryRefSchema = z.object({ key: z.string(), name: z.string() });
export type CategoryRef = z.infer<typeof categoryRefSchema>;

export const monitoringCategoryResponseSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  monitoringCount: z.number().int(),
});
export type MonitoringCategoryResponse = z.infer<typeof monitoringCategoryResponseSchema>;

export const monitoringCategoryListResponseSchema = z.array(monitoringCategoryResponseSchema);
export type MonitoringCategoryListResponse = z.infer<typeof monitoringCategoryListResponseSchema>;

/** One context of a monitoring: its own endpoint (`/context/{key}`) and record schema. */
export const monitoringContextResponseSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  schema: recordJsonSchemaSchema,
});
export type MonitoringContextResponse = z.infer<typeof monitoringContextResponseSchema>;

/** A monitoring. `id` is the stable catalog key (e.g. `employee_onboarding_offboarding`). */
export const monitoringResponseSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  category: categoryRefSchema,
  contexts: z.array(monitoringContextResponseSchema),
});
export type MonitoringResponse = z.infer<typeof monitoringResponseSchema>;

export const monitoringListResponseSchema = z.array(monitoringResponseSchema);
export type MonitoringListResponse = z.infer<typeof monitoringListResponseSchema>;

const queryText = (field: string) =>
  z
    .string({ error: `${field} must be a single text value` })
    .trim()
    .max(200, `${field} must be at most 200 characters`)
    .optional();

/** `GET /api/monitorings?category=&q=`: category key; every word of q must match name or description. */
export const listMonitoringsQuerySchema = z.object({
  category: queryText('category'),
  q: queryText('q'),
});
export type ListMonitoringsQuery = z.infer<typeof listMonitoringsQuerySchema>;
