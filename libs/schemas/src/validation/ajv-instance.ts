import { Ajv, type ValidateFunction } from 'ajv';
import * as formatsModule from 'ajv-formats';

import { RECORD_KEY_KEYWORD, type JsonSchema } from '../json-schema.js';

type FormatsPlugin = (ajv: Ajv) => Ajv;

// ajv-formats is CommonJS: under Node's ESM loader the plugin is the module itself, under
// bundlers it is the `default` export. Accept either so the web app and the API share this file.
function resolveFormatsPlugin(): FormatsPlugin {
  const mod = formatsModule as unknown as { default?: unknown };
  const candidate = typeof mod.default === 'function' ? mod.default : mod;
  const nested = (candidate as { default?: unknown }).default;
  return (typeof candidate === 'function' ? candidate : nested) as FormatsPlugin;
}

export interface AjvOptions {
  /** Refuse unknown keywords and formats; used by tests to keep the catalog clean. */
  readonly strict?: boolean;
}

export function createAjv(options: AjvOptions = {}): Ajv {
  const ajv = new Ajv({
    // Report every problem of a record at once, so a developer fixes them in one round trip.
    allErrors: true,
    // Attach the offending value and schema to errors: messages say "got string "true"".
    // Only error objects pay for this; valid records do not.
    verbose: true,
    // Schemas may be stored or supplied from outside the catalog; unknown annotations there
    // must not stop validation. The catalog itself is checked strictly in its tests.
    strict: options.strict ?? false,
    allowUnionTypes: true,
  });
  resolveFormatsPlugin()(ajv);
  // An annotation for our duplicate check; registering it keeps strict mode happy.
  ajv.addKeyword({ keyword: RECORD_KEY_KEYWORD, schemaType: 'string' });
  return ajv;
}

export class SchemaCompileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchemaCompileError';
  }
}

/** Compiles with the given instance, then lets ajv forget the schema: our caches own it. */
export function compileWith(ajv: Ajv, schema: JsonSchema): ValidateFunction {
  try {
    const validate = ajv.compile(schema as object);
    ajv.removeSchema(schema as object);
    return validate;
  } catch (cause) {
    const title = typeof schema.title === 'string' ? ` "${schema.title}"` : '';
    throw new SchemaCompileError(`Schema${title} is not a valid JSON Schema: ${(cause as Error).message}`, { cause });
  }
}
