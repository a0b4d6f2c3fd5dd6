import { Inject, Injectable } from '@nestjs/common';
import { pushTooLargeProblem, VALIDATION_MAX_ERRORS, type ValidationResultResponse } from '@gatehouse/contracts';
import { getRecordValidator } from '@gatehouse/schemas';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { checkRecordsBytes } from '../ingest/check-records-bytes.js';
import { IntegrationErrors } from './integrations.errors.js';
import { IntegrationsService } from './integrations.service.js';

/**
 * What was sent to be validated: an uploaded file, or the JSON request body itself (its bytes as
 * sent: parsing them again here checks numbers as written, as the push route does).
 */
export type ValidationInput = { kind: 'file' | 'json'; chunks: readonly Buffer[] } | { kind: 'none' };

/**
 * Checks a request body against one context of an integration, with the checks of the push
 * route itself (see checkRecordsBytes): what this calls valid, a push of the same body accepts.
 * Stores nothing.
 */
@Injectable()
export class IntegrationValidationService {
  constructor(
    private readonly integrations: IntegrationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async validate(companyId: string, integrationId: string, contextKey: string, input: ValidationInput): Promise<ValidationResultResponse> {
    const { integration, context } = await this.integrations.findContextForCompany(companyId, integrationId, contextKey);
    if (input.kind === 'none') throw IntegrationErrors.validationInputMissing();
    const unreadable = unreadableFile(input.chunks);
    if (unreadable !== null) return unreadable;
    // Valid records in a body the push refuses unread would be a false "valid".
    const tooLarge = pushTooLargeProblem(input.chunks.reduce((n, c) => n + c.length, 0), this.config.ingestMaxBodyBytes);
    if (tooLarge !== null) return fail(tooLarge);
    const checked = await checkRecordsBytes(getRecordValidator(context.schema), input.chunks, { strict: integration.strict });
    if (checked === 'not-utf8') return fail(NOT_UTF8);
    const { refusal, recordCount } = checked;
    // Likely typos: what the push answer lists as warnings; a reason to refuse only when the integration is strict.
    const warnings = checked.warnings === null ? {} : { warningCount: checked.warnings.warningCount, warnings: checked.warnings.warnings.slice(0, VALIDATION_MAX_ERRORS) };
    if (refusal === null) return { valid: true, recordCount, errorCount: 0, errors: [], ...warnings };
    return {
      valid: false,
      recordCount: refusal.recordCount,
      errorCount: refusal.errorCount,
      errors: refusal.errors.slice(0, VALIDATION_MAX_ERRORS),
      ...warnings,
    };
  }
}

const NOT_UTF8 = 'The file is not UTF-8 text, so it cannot be JSON. Upload the JSON file itself, saved as UTF-8.';

const fail = (message: string): ValidationResultResponse => ({ valid: false, recordCount: 0, errorCount: 1, errors: [{ index: null, path: '', message }] });

/** Why the file cannot be JSON text at all (empty, UTF-16), or null. */
function unreadableFile(chunks: readonly Buffer[]): ValidationResultResponse | null {
  const bytes = Buffer.concat(chunks.slice(0, 2)).subarray(0, 2);
  if (bytes.length === 0) return fail('The file is empty. Upload a JSON file shaped like the request body: {"data": [ {...}, {...} ]}');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('The file is saved as UTF-16. Save it as UTF-8 (the encoding the API expects) and upload it again.');
  }
  return null;
}
