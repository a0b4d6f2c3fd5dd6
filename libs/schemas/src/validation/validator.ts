import type { ErrorObject, ValidateFunction } from 'ajv';

import { getContextSchema } from '../catalog/catalog.js';
import { recordKeyOf, type JsonSchema } from '../json-schema.js';
import { compileWith, createAjv } from './ajv-instance.js';
import { parseJsonWithLocation } from './json-location.js';
import { errorMessage, errorPath, isRedundantError } from './messages.js';
import { UnknownPropertyCheck } from './unknown-properties.js';

/** One problem in a submission. `index` is the record's position in `data`, null for the body. */
export interface ValidationError {
  readonly index: number | null;
  /** Field path inside the record (`email`, `role[1]`, `manager.id`); '' for the whole record. */
  readonly path: string;
  readonly message: string;
  /** Where a JSON syntax error is, 1-based; only for files that do not parse. */
  readonly line?: number;
  readonly column?: number;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly recordCount: number;
  /** Every problem found, even those beyond maxErrors. */
  readonly errorCount: number;
  /** The first maxErrors problems, in record order. */
  readonly errors: ValidationError[];
  /**
   * Present when some record has properties the schema does not define (likely typos): they do
   * not make the records invalid. Counted in full; the first maxErrors listed.
   */
  readonly warningCount?: number;
  readonly warnings?: ValidationError[];
}

export interface ValidateOptions {
  /** How many errors to return; the count still covers all of them. Default 100. */
  readonly maxErrors?: number;
  /** Refuse two records with the same record key (x-record-key). Default true. */
  readonly checkDuplicates?: boolean;
  /**
   * Refuse properties the schema does not define (an integration set to strict) instead of
   * reporting them as warnings. Default false.
   */
  readonly strict?: boolean;
}

/** A record schema, or the key of a catalog context whose schema to use. */
export type SchemaRef = JsonSchema | string;

export const DEFAULT_MAX_ERRORS = 100;

export class UnknownContextError extends Error {
  constructor(readonly contextKey: string) {
    super(`Unknown monitoring context "${contextKey}"`);
    this.name = 'UnknownContextError';
  }
}

/** `data[3].email`, `data[3]`, or the body-level path: for one-line summaries and logs. */
export function errorLocation(error: ValidationError): string {
  if (error.index === null) return error.path;
  return error.path === '' ? `data[${error.index}]` : `data[${error.index}]${error.path.startsWith('[') ? '' : '.'}${error.path}`;
}

/** `data[3].email: must be a valid email address (format "email")`. */
export function formatValidationError(error: ValidationError): string {
  const location = errorLocation(error);
  return location ? `${location}: ${error.message}` : error.message;
}

/**
 * Validates records against one schema compiled once. Obtain through createRecordValidator,
 * which caches, rather than constructing directly.
 */
export class RecordValidator {
  /** Property whose value must be unique within one submission, or null. */
  readonly recordKey: string | null;
  private readonly unknownProperties: UnknownPropertyCheck | null;

  constructor(
    readonly schema: JsonSchema,
    private readonly validateFn: ValidateFunction,
  ) {
    this.recordKey = recordKeyOf(schema);
    this.unknownProperties = UnknownPropertyCheck.for(schema);
  }

  isValid(record: unknown): boolean {
    return this.validateFn(record) as boolean;
  }

  /** Every schema error of one record (no duplicate check: that needs the whole submission). */
  validateRecord(record: unknown, index = 0): ValidationError[] {
    if (this.validateFn(record)) return [];
    const errors: ValidationError[] = [];
    for (const error of this.validateFn.errors!) {
      if (!isRedundantError(error)) errors.push(toValidationError(error, index));
    }
    return errors;
  }

  validateRecords(records: readonly unknown[], options: ValidateOptions = {}): ValidationResult {
    const validation = this.startValidation(options);
    for (let index = 0; index < records.length; index++) validation.add(records[index]);
    return validation.result();
  }

  /**
   * Validates records one at a time, as they arrive (a body read as a stream), with the same
   * errors, order and duplicate checks as validateRecords over all of them.
   */
  startValidation(options: ValidateOptions = {}): RecordsValidation {
    return new RecordsValidation(
      this.validateFn,
      options.checkDuplicates === false ? null : this.recordKey,
      normaliseMaxErrors(options.maxErrors),
      this.unknownProperties,
      options.strict === true,
    );
  }

  /** Records whose record key repeats an earlier record's, each naming the earlier index. */
  findDuplicateRecordKeys(records: readonly unknown[]): ValidationError[] {
    const key = this.recordKey;
    if (key === null) return [];
    const firstIndexByKey = new Map<unknown, number>();
    const errors: ValidationError[] = [];
    for (let index = 0; index < records.length; index++) {
      const record = records[index];
      if (record === null || typeof record !== 'object') continue;
      const value = (record as Record<string, unknown>)[key];
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const first = firstIndexByKey.get(value);
      if (first === undefined) firstIndexByKey.set(value, index);
      else errors.push(duplicateError(key, value, index, first));
    }
    return errors;
  }

  /** Checks the `{"data": [...]}` envelope, then every record and duplicate record keys. */
  validateRequestBody(body: unknown, options: ValidateOptions = {}): ValidationResult {
    const shapeError = checkRequestBodyShape(body);
    if (shapeError !== null) return { valid: false, recordCount: 0, errorCount: 1, errors: [shapeError] };
    return this.validateRecords((body as { data: unknown[] }).data, options);
  }

  /** For uploaded files: parses the text (reporting line and column on failure), then validates. */
  parseAndValidateRequestBody(text: string, options: ValidateOptions = {}): ValidationResult {
    const parsed = parseJsonWithLocation(text);
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      return { valid: false, recordCount: 0, errorCount: 1, errors: [{ index: null, path: '', message, line, column }] };
    }
    return this.validateRequestBody(parsed.value, options);
  }
}

/** Records validated one by one in order (see RecordValidator.startValidation). */
export class RecordsValidation {
  // Map rather than object: record keys are untrusted strings (think "__proto__"), and a Map
  // also keeps "1" and 1 apart.
  private readonly firstIndexByKey: Map<unknown, number> | null;
  private readonly errors: ValidationError[] = [];
  private readonly warnings: ValidationError[] = [];
  private count = 0;
  private problems = 0;
  private warningTotal = 0;
  private readonly warn = (warning: ValidationError) => {
    this.warningTotal++;
    if (this.warnings.length < this.maxErrors) this.warnings.push(warning);
  };
  private readonly refuseUnknown = (problem: ValidationError) => {
    this.problems++;
    if (this.errors.length < this.maxErrors) this.errors.push(problem);
  };

  constructor(
    private readonly validate: ValidateFunction,
    private readonly key: string | null,
    private readonly maxErrors: number,
    private readonly unknownProperties: UnknownPropertyCheck | null = null,
    private readonly strict = false,
  ) {
    this.firstIndexByKey = key === null ? null : new Map<unknown, number>();
  }

  /** Records seen so far. */
  get recordCount(): number {
    return this.count;
  }

  /** Problems found so far, including those beyond maxErrors. */
  get errorCount(): number {
    return this.problems;
  }

  /** Validates the next record; returns false when it has a problem. */
  add(record: unknown): boolean {
    const index = this.count++;
    const before = this.problems;
    // Hot path: a valid record costs one compiled call and, with a record key, one Map lookup.
    // Error objects are only built for invalid records and only up to maxErrors.
    const validate = this.validate;
    if (!validate(record)) {
      for (const error of validate.errors!) {
        if (isRedundantError(error)) continue;
        this.problems++;
        if (this.errors.length < this.maxErrors) this.errors.push(toValidationError(error, index));
      }
    }
    if (this.firstIndexByKey !== null && record !== null && typeof record === 'object') {
      const value = (record as Record<string, unknown>)[this.key!];
      if (typeof value === 'string' || typeof value === 'number') {
        const first = this.firstIndexByKey.get(value);
        if (first === undefined) this.firstIndexByKey.set(value, index);
        else {
          this.problems++;
          if (this.errors.length < this.maxErrors) this.errors.push(duplicateError(this.key!, value, index, first));
        }
      }
    }
    this.unknownProperties?.check(record, index, this.strict ? this.refuseUnknown : this.warn, this.strict);
    return this.problems === before;
  }

  result(): ValidationResult {
    const result = { valid: this.problems === 0, recordCount: this.count, errorCount: this.problems, errors: this.errors.slice() };
    return this.warningTotal === 0 ? result : { ...result, warningCount: this.warningTotal, warnings: this.warnings.slice() };
  }
}

function toValidationError(error: ErrorObject, index: number): ValidationError {
  return { index, path: errorPath(error), message: errorMessage(error) };
}

function duplicateError(key: string, value: string | number, index: number, first: number): ValidationError {
  const shown = typeof value === 'string' && value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return { index, path: key, message: `duplicate ${key} ${JSON.stringify(shown)}: also used by record ${first}` };
}

function normaliseMaxErrors(maxErrors: number | undefined): number {
  if (maxErrors === undefined || Number.isNaN(maxErrors)) return DEFAULT_MAX_ERRORS;
  if (maxErrors === Number.POSITIVE_INFINITY) return maxErrors;
  return Math.max(0, Math.floor(maxErrors));
}

const BODY_EXAMPLE = '{"data": [ {...}, {...} ]}';

/** The problem with a request body that is not `{"data": [...]}`, or null when it has that shape. */
export function checkRequestBodyShape(body: unknown): ValidationError | null {
  const fail = (message: string): ValidationError => ({ index: null, path: 'data', message });
  if (Array.isArray(body)) {
    return fail(`The request body is a bare array. Wrap your records in an object with a "data" field: ${BODY_EXAMPLE}`);
  }
  if (body === null || typeof body !== 'object') {
    const got = body === null ? 'null' : typeof body;
    return fail(`The request body must be a JSON object with a "data" array of records, like ${BODY_EXAMPLE} (got ${got}).`);
  }
  if (!Object.prototype.hasOwnProperty.call(body, 'data')) {
    const fields = Object.keys(body);
    const found = fields.length === 0 ? 'the object is empty' : `found ${fields.slice(0, 5).map((f) => JSON.stringify(f)).join(', ')}`;
    return fail(`The request body has no "data" field (${found}). Put your records in a "data" array: ${BODY_EXAMPLE}`);
  }
  const data = (body as { data: unknown }).data;
  if (!Array.isArray(data)) {
    if (data !== null && typeof data === 'object') {
      return fail(`"data" must be an array of records, even for a single record: {"data": [ {...} ]} (got an object).`);
    }
    const got = data === null ? 'null' : typeof data;
    return fail(`"data" must be an array of records, like ${BODY_EXAMPLE} (got ${got}).`);
  }
  return null;
}

// --- Compiled-validator cache ---------------------------------------------------------------

const ajv = createAjv();
// Catalog schemas are module singletons: identity lookup is enough and free.
const byIdentity = new WeakMap<object, RecordValidator>();
// Schemas read from storage arrive as fresh objects on every request; recognise them by content.
// Bounded because each compiled validator holds generated code.
const MAX_BY_CONTENT = 256;
const byContent = new Map<string, RecordValidator>();

/** The validator for a schema, compiling it on first use only. Throws SchemaCompileError. */
export function createRecordValidator(schema: JsonSchema): RecordValidator {
  const cached = byIdentity.get(schema);
  if (cached) return cached;
  const content = JSON.stringify(schema);
  let validator = byContent.get(content);
  if (validator) {
    // Refresh recency so frequently used schemas stay cached.
    byContent.delete(content);
  } else {
    validator = new RecordValidator(schema, compileWith(ajv, schema));
    if (byContent.size >= MAX_BY_CONTENT) byContent.delete(byContent.keys().next().value!);
  }
  byContent.set(content, validator);
  byIdentity.set(schema, validator);
  return validator;
}

/** Resolves a schema or catalog context key to its cached validator. Throws UnknownContextError. */
export function getRecordValidator(schemaRef: SchemaRef): RecordValidator {
  if (typeof schemaRef !== 'string') return createRecordValidator(schemaRef);
  const schema = getContextSchema(schemaRef);
  if (!schema) throw new UnknownContextError(schemaRef);
  return createRecordValidator(schema);
}

export function validateRecords(schemaRef: SchemaRef, records: readonly unknown[], options: ValidateOptions = {}): ValidationResult {
  return getRecordValidator(schemaRef).validateRecords(records, options);
}

export function findDuplicateRecordKeys(schemaRef: SchemaRef, records: readonly unknown[]): ValidationError[] {
  return getRecordValidator(schemaRef).findDuplicateRecordKeys(records);
}

export function validateRequestBody(body: unknown, schemaRef: SchemaRef, options: ValidateOptions = {}): ValidationResult {
  return getRecordValidator(schemaRef).validateRequestBody(body, options);
}

export function parseAndValidateRequestBody(text: string, schemaRef: SchemaRef, options: ValidateOptions = {}): ValidationResult {
  return getRecordValidator(schemaRef).parseAndValidateRequestBody(text, options);
}
