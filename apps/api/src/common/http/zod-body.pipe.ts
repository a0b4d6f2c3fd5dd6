import type { PipeTransform } from '@nestjs/common';
import { zodIssuesToDetails } from '@gatehouse/contracts';
import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';

/** Validates a request part against a shared contract schema; all problems reported at once. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly what = 'Request body',
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const details = zodIssuesToDetails(result.error.issues);
    const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    throw new AppError('VALIDATION_FAILED', `${this.what} is invalid: ${summary}`, details);
  }
}
