import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  mixin,
  type NestInterceptor,
  PayloadTooLargeException,
  type Type,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import type { AppError } from '../../common/errors/app-error.js';
import { IntegrationErrors } from './integrations.errors.js';

export interface SingleFileUploadOptions {
  /** Multipart field holding the file. */
  field: string;
  /** multer stops reading past this many bytes. */
  maxBytes: number;
  /** The answer when the file is larger than maxBytes. */
  tooLarge: () => AppError;
  /**
   * 'chunks': the file is kept as the pieces it arrived in (`file.chunks`, no `file.buffer`), for
   * a reader that goes through it a piece at a time: joining tens of megabytes into one buffer
   * holds the event loop for a noticeable time. Default 'buffer'.
   */
  keep?: 'buffer' | 'chunks';
}

/** An uploaded file kept as the pieces it arrived in (SingleFileUpload with keep: 'chunks'). */
export type ChunkedFile = Express.Multer.File & { chunks: Buffer[] };

/** multer storage that keeps a file's pieces as they arrive, without joining them. */
const chunkedMemoryStorage: multer.StorageEngine = {
  _handleFile(_req, file, callback) {
    const chunks: Buffer[] = [];
    let size = 0;
    file.stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    file.stream.on('error', (err) => callback(err));
    file.stream.on('end', () => callback(null, { chunks, size } as Partial<ChunkedFile>));
  },
  _removeFile(_req, file, callback) {
    (file as Partial<ChunkedFile>).chunks = [];
    callback(null);
  },
};

/**
 * One file, kept in memory, from a multipart request (other requests pass through untouched).
 * multer's own refusals (too large, wrong field, malformed multipart) become this API's error
 * shape instead of Nest's generic ones.
 */
export function SingleFileUpload(options: SingleFileUploadOptions): Type<NestInterceptor> {
  const Upload = FileInterceptor(options.field, {
    storage: options.keep === 'chunks' ? chunkedMemoryStorage : multer.memoryStorage(),
    limits: { fileSize: options.maxBytes, files: 1, fields: 10, parts: 12 },
  });

  @Injectable()
  class SingleFileUploadInterceptor implements NestInterceptor {
    private readonly upload = new Upload();

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await this.upload.intercept(context, next);
      } catch (err) {
        throw toAppError(err, options);
      }
    }
  }
  return mixin(SingleFileUploadInterceptor);
}

function toAppError(err: unknown, options: SingleFileUploadOptions): unknown {
  if (err instanceof PayloadTooLargeException) return options.tooLarge();
  if (err instanceof UnsupportedMediaTypeException) return IntegrationErrors.unsupportedUpload();
  if (err instanceof BadRequestException) {
    const code = (err.cause as { code?: string } | undefined)?.code;
    if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
      return IntegrationErrors.badUpload(options.field, `Send exactly one file, in a multipart field named "${options.field}".`);
    }
    return IntegrationErrors.badUpload(options.field, `The multipart upload could not be read (${err.message}). Send one file in a field named "${options.field}".`);
  }
  return err;
}
