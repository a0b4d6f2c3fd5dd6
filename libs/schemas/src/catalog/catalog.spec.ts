import { describe, expect, it } from '@jest/globals';

import {
  CATALOG,
  CATALOG_VERSION,
  contextsForMonitorings,
  createAjv,
  findUnknownMonitoringKeys,
  getContext,
  getContextSchema,
  getMonitoring,
  listCategories,
  listContexts,
  listMonitorings,
  type JsonSchema,
  type MonitoringContext,
} from '../index.js';

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

function allContexts(): MonitoringContext[] {
  return CATALOG.monitorings.flatMap((m) => [...m.contexts]);
}

describe('catalog invariants', () => {
  it('is version 1', () => {
    expect(CATALOG_VERSION).toBe(1);
    expect(CATALOG.version).toBe(CATALOG_VERSION);
  });

  it('has the documented categories and at least 9 of them, with unique snake_case keys', () => {
    expect(CATALOG.categories.length).toBeGreaterThanOrEqual(9);
    const names = CATALOG.categories.map((c) => c.name);
    for (const name of [
      'HR',
      'Identity & Access',
      'Cloud Infrastructure',
      'Endpoints & Devices',
      'Vulnerability Management',
      'Software Development',
      'Vendor Management',
      'Security Awareness & Training',
      'Policies',
    ]) {
      expect(names).toContain(name);
    }
    const keys = CATALOG.categories.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(SNAKE_CASE);
  });

  it('has at least 22 monitorings with unique snake_case keys, each in a known category', () => {
    expect(CATALOG.monitorings.length).toBeGreaterThanOrEqual(22);
    const keys = CATALOG.monitorings.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    const categories = new Set(CATALOG.categories.map((c) => c.key));
    for (const monitoring of CATALOG.monitorings) {
      expect(monitoring.key).toMatch(SNAKE_CASE);
      expect(categories.has(monitoring.category)).toBe(true);
      expect(monitoring.name.length).toBeGreaterThan(0);
      expect(monitoring.description.length).toBeGreaterThan(20);
      expect(monitoring.contexts.length).toBeGreaterThanOrEqual(1);
      const contextKeys = monitoring.contexts.map((c) => c.key);
      expect(new Set(contextKeys).size).toBe(contextKeys.length);
    }
  });

  it('has no empty category', () => {
    for (const category of CATALOG.categories) {
      expect(CATALOG.monitorings.some((m) => m.category === category.key)).toBe(true);
    }
  });

  it('maps every context key to exactly one schema', () => {
    const schemaByKey = new Map<string, string>();
    for (const context of allContexts()) {
      expect(context.key).toMatch(SNAKE_CASE);
      const serialised = JSON.stringify(context.schema);
      const known = schemaByKey.get(context.key);
      if (known !== undefined) expect(serialised).toBe(known);
      schemaByKey.set(context.key, serialised);
    }
    expect(listContexts().map((c) => c.key).sort()).toEqual([...schemaByKey.keys()].sort());
  });

  it('uses each context name for one context key only', () => {
    const names = listContexts().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('offers the expected contexts, several monitorings sharing employees and users', () => {
    const keys = listContexts().map((c) => c.key);
    for (const key of [
      'list_employees',
      'list_users',
      'list_devices',
      'list_vulnerabilities',
      'list_repositories',
      'list_vendors',
      'list_training_completions',
      'list_policies',
      'list_cloud_resources',
      'list_access_reviews',
      'list_mfa_status',
    ]) {
      expect(keys).toContain(key);
    }
    const using = (key: string) => CATALOG.monitorings.filter((m) => m.contexts.some((c) => c.key === key)).length;
    expect(using('list_employees')).toBeGreaterThanOrEqual(2);
    expect(using('list_users')).toBeGreaterThanOrEqual(2);
  });

  describe.each(listContexts().map((c) => [c.key, c] as const))('schema of %s', (_key, context) => {
    const schema = context.schema;

    it('compiles in strict mode', () => {
      const strictAjv = createAjv({ strict: true });
      expect(() => strictAjv.compile(schema as object)).not.toThrow();
    });

    it('is an object schema with a title, a description and described properties', () => {
      expect(schema.type).toBe('object');
      expect(schema.title.length).toBeGreaterThan(0);
      expect(schema.description.length).toBeGreaterThan(0);
      for (const [name, property] of Object.entries(schema.properties)) {
        expect(name).toMatch(SNAKE_CASE);
        expect(typeof (property as JsonSchema).description).toBe('string');
      }
    });

    it('requires only declared properties, including its record key', () => {
      const declared = Object.keys(schema.properties);
      for (const name of schema.required) expect(declared).toContain(name);
      expect(schema.required).toContain(schema['x-record-key']);
      expect((schema.properties[schema['x-record-key']] as JsonSchema).type).toBe('string');
    });
  });

  it('is frozen, so no caller can change validation for everyone else', () => {
    const schema = getContextSchema('list_employees')!;
    expect(Object.isFrozen(CATALOG)).toBe(true);
    expect(Object.isFrozen(schema.properties.email)).toBe(true);
    expect(() => {
      (schema.required as string[]).push('email');
    }).toThrow(TypeError);
  });
});

describe('catalog helpers', () => {
  it('lists categories with how many monitorings each has', () => {
    const categories = listCategories();
    expect(categories.map((c) => c.key)).toEqual(CATALOG.categories.map((c) => c.key));
    expect(categories.reduce((sum, c) => sum + c.monitoringCount, 0)).toBe(CATALOG.monitorings.length);
    expect(categories.find((c) => c.key === 'hr')!.monitoringCount).toBe(listMonitorings({ category: 'hr' }).length);
  });

  it('filters monitorings by category', () => {
    const hr = listMonitorings({ category: 'hr' });
    expect(hr.length).toBeGreaterThan(0);
    expect(hr.every((m) => m.category === 'hr')).toBe(true);
    expect(hr.map((m) => m.key)).toContain('employee_onboarding_offboarding');
    expect(listMonitorings({ category: 'no_such_category' })).toEqual([]);
  });

  it('searches name and description, ignoring case, every word required', () => {
    expect(listMonitorings({ q: 'MFA' }).map((m) => m.key)).toContain('mfa_enforcement');
    expect(listMonitorings({ q: 'user ACCESS review' }).map((m) => m.key)).toContain('user_access_review');
    // "FileVault" appears only in a schema, "stolen" only in a monitoring description.
    expect(listMonitorings({ q: 'stolen' }).map((m) => m.key)).toEqual(['device_disk_encryption']);
    expect(listMonitorings({ q: 'encryption', category: 'endpoints_devices' }).map((m) => m.key)).toEqual(['device_disk_encryption']);
    expect(listMonitorings({ q: 'zebra crossing' })).toEqual([]);
    expect(listMonitorings({ q: '   ' })).toHaveLength(CATALOG.monitorings.length);
    expect(listMonitorings()).toHaveLength(CATALOG.monitorings.length);
  });

  it('finds monitorings and context schemas by key', () => {
    expect(getMonitoring('user_access_review')!.contexts.map((c) => c.key)).toEqual(['list_users', 'list_access_reviews']);
    expect(getMonitoring('nope')).toBeUndefined();
    expect(getContextSchema('list_users')!.title).toBe('UserAccessRecordSchema');
    expect(getContext('list_devices')!.name).toBe('Devices');
    expect(getContextSchema('list_nothing')).toBeUndefined();
  });

  it('gives the contexts for a selection once each, with the monitorings that need them', () => {
    const contexts = contextsForMonitorings([
      'employee_onboarding_offboarding',
      'user_access_review',
      'terminated_user_access_removal',
      'user_access_review',
      'not_a_monitoring',
    ]);
    expect(contexts.map((c) => c.key)).toEqual(['list_employees', 'list_users', 'list_access_reviews']);
    expect(contexts[0]!.monitorings.map((m) => m.key)).toEqual(['employee_onboarding_offboarding', 'terminated_user_access_removal']);
    expect(contexts[1]!.monitorings.map((m) => m.key)).toEqual(['user_access_review', 'terminated_user_access_removal']);
    expect(contexts[1]!.schema).toBe(getContextSchema('list_users'));
    expect(contextsForMonitorings([])).toEqual([]);
  });

  it('names unknown monitoring keys in a selection', () => {
    expect(findUnknownMonitoringKeys(['mfa_enforcement', 'nope', 'nope', 'also_nope'])).toEqual(['nope', 'also_nope']);
    expect(findUnknownMonitoringKeys(CATALOG.monitorings.map((m) => m.key))).toEqual([]);
  });
});
