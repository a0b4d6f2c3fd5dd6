import type { CategoryRef, IntegrationContext, IntegrationDetail, IntegrationListItem, IntegrationMonitoring } from '@gatehouse/contracts';
import {
  contextsForMonitorings,
  curlExample,
  endpointUrl,
  REQUIRED_HEADERS,
  sampleRequestBody,
  type JsonSchema,
  type Monitoring,
  type SampleRequestBody,
  type SelectedContext,
} from '@gatehouse/schemas';
import { categoryRef } from '../schemas/schemas.mapper.js';
import type { Integration } from './entities/integration.entity.js';

/** An integration with what its answers need besides the row. */
export interface IntegrationView {
  integration: Integration;
  /** SHA-256 of the logo, or null without one. */
  logoSha256: string | null;
  /** Selected monitorings of the catalog in force, in catalog order. */
  monitorings: readonly Monitoring[];
}

// A sample depends only on its schema; catalog schemas are singletons, so this stays small.
const samples = new WeakMap<JsonSchema, SampleRequestBody>();

function sampleFor(schema: JsonSchema): SampleRequestBody {
  let sample = samples.get(schema);
  if (!sample) {
    // Three records, like the published examples (for people: two active, one who has left).
    sample = sampleRequestBody(schema);
    samples.set(schema, sample);
  }
  return sample;
}

/** Versioned by content, so a browser shows a replaced logo at once. */
export function logoUrl(integrationId: string, sha256: string | null): string | null {
  return sha256 ? `/api/integrations/${integrationId}/logo?v=${sha256.slice(0, 16)}` : null;
}

export function validateUrl(integrationId: string, contextKey: string): string {
  return `/api/integrations/${integrationId}/contexts/${encodeURIComponent(contextKey)}/validate`;
}

export function toIntegrationMonitoring(m: Monitoring): IntegrationMonitoring {
  return { id: m.key, key: m.key, name: m.name, description: m.description, category: categoryRef(m.category) };
}

/** The contexts (endpoints) a selection needs, each once, in order of first use. */
export function selectedContexts(monitorings: readonly Monitoring[]): SelectedContext[] {
  return contextsForMonitorings(monitorings.map((m) => m.key));
}

function distinctCategories(monitorings: readonly Monitoring[]): CategoryRef[] {
  const keys = [...new Set(monitorings.map((m) => m.category))];
  return keys.map(categoryRef);
}

export function toIntegrationListItem(view: IntegrationView): IntegrationListItem {
  const { integration: row, monitorings } = view;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    strict: row.strict,
    hasLogo: view.logoSha256 !== null,
    logoUrl: logoUrl(row.id, view.logoSha256),
    monitorings: monitorings.map(toIntegrationMonitoring),
    categories: distinctCategories(monitorings),
    contextCount: selectedContexts(monitorings).length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toIntegrationContext(integrationId: string, context: SelectedContext, publicUrl: string, maxPushBytes: number): IntegrationContext {
  const sample = sampleFor(context.schema);
  return {
    key: context.key,
    name: context.name,
    description: context.description,
    monitorings: context.monitorings.map((m) => ({ id: m.key, key: m.key, name: m.name })),
    schema: context.schema as Record<string, unknown>,
    method: 'POST',
    endpointUrl: endpointUrl(publicUrl, integrationId, context.key),
    requiredHeaders: Object.entries(REQUIRED_HEADERS).map(([name, value]) => ({ name, value })),
    sampleRequestBody: sample,
    curlExample: curlExample(publicUrl, integrationId, context.key, sample),
    validateUrl: validateUrl(integrationId, context.key),
    maxPushBytes,
  };
}

export function toIntegrationDetail(view: IntegrationView, publicUrl: string, maxPushBytes: number): IntegrationDetail {
  const { integration: row, monitorings } = view;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    strict: row.strict,
    hasLogo: view.logoSha256 !== null,
    logoUrl: logoUrl(row.id, view.logoSha256),
    monitorings: monitorings.map(toIntegrationMonitoring),
    contexts: selectedContexts(monitorings).map((c) => toIntegrationContext(row.id, c, publicUrl, maxPushBytes)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
