import type { RecordSchema } from '../json-schema.js';

export interface MonitoringCategory {
  /** Stable snake_case key, stored by integrations; never rename. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
}

/** One kind of record an integration submits, with its own endpoint and schema. */
export interface MonitoringContext {
  /** Stable snake_case key used in the endpoint path: /context/{key}. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly schema: RecordSchema;
}

/** A control the compliance team monitors, fed by one or more contexts. */
export interface Monitoring {
  /** Stable snake_case key, stored by integrations; never rename. */
  readonly key: string;
  readonly name: string;
  /** What an auditor wants evidenced. */
  readonly description: string;
  /** Key of a MonitoringCategory. */
  readonly category: string;
  readonly contexts: readonly MonitoringContext[];
}

export interface MonitoringCatalog {
  readonly version: number;
  readonly categories: readonly MonitoringCategory[];
  readonly monitorings: readonly Monitoring[];
}
