import { Injectable } from '@nestjs/common';
import { VALIDATION_MAX_ERRORS, type ValidationResultResponse } from '@gatehouse/contracts';
import { getRecordValidator, type ValidationResult } from '@gatehouse/schemas';
import { IntegrationErrors } from './integrations.errors.js';
import { IntegrationsService } from './integrations.service.js';

/** What was sent to be validated: an uploaded file, or the JSON request body itself. */
export type ValidationInput = { kind: 'file'; bytes: Buffer } | { kind: 'json'; body: unknown } | { kind: 'none' };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Checks a request body against one context of an integration. Stores nothing. */
@Injectable()
export class IntegrationValidationService {
  constructor(private readonly integrations: IntegrationsService) {}

  async validate(companyId: string, integrationId: string, contextKey: string, input: ValidationInput): Promise<ValidationResultResponse> {
    const { context } = await this.integrations.findContextForCompany(companyId, integrationId, contextKey);
    const validator = getRecordValidator(context.schema);
    const options = { maxErrors: VALIDATION_MAX_ERRORS };
    switch (input.kind) {
      case 'file': {
        const text = decodeText(input.bytes);
        return toResponse(typeof text === 'string' ? validator.parseAndValidateRequestBody(text, options) : text);
      }
      case 'json':
        return toResponse(validator.validateRequestBody(input.body, options));
      case 'none':
        throw IntegrationErrors.validationInputMissing();
    }
  }
}

/** The file as text, or the result that says why it is not UTF-8 JSON text. */
function decodeText(bytes: Buffer): string | ValidationResult {
  const fail = (message: string): ValidationResult => ({ valid: false, recordCount: 0, errorCount: 1, errors: [{ index: null, path: '', message }] });
  if (bytes.length === 0) return fail('The file is empty. Upload a JSON file shaped like the request body: {"data": [ {...}, {...} ]}');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('The file is saved as UTF-16. Save it as UTF-8 (the encoding the API expects) and upload it again.');
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return fail('The file is not UTF-8 text, so it cannot be JSON. Upload the JSON file itself, saved as UTF-8.');
  }
}

function toResponse(result: ValidationResult): ValidationResultResponse {
  return {
    valid: result.valid,
    recordCount: result.recordCount,
    errorCount: result.errorCount,
    errors: result.errors.map((e) => ({
      index: e.index,
      path: e.path,
      message: e.message,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.column !== undefined ? { column: e.column } : {}),
    })),
  };
}
