import { Controller, Delete, Get, HttpCode, Param, Put, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { INTEGRATION_LOGO_MAX_BYTES, type IntegrationDetail } from '@gatehouse/contracts';
import type { Response } from 'express';
import type { SessionContext } from '../../common/http/auth-kind.js';
import { CurrentSession } from '../../common/http/current-session.js';
import { IntegrationLogoService } from './integration-logo.service.js';
import { IntegrationErrors } from './integrations.errors.js';
import { SingleFileUpload } from './single-file-upload.interceptor.js';

@ApiTags('integrations')
@Controller('api/integrations/:id/logo')
export class IntegrationLogoController {
  constructor(private readonly logos: IntegrationLogoService) {}

  @Put()
  // multer stops just past the limit; anything larger is answered with our own 413.
  @UseInterceptors(SingleFileUpload({ field: 'file', maxBytes: INTEGRATION_LOGO_MAX_BYTES + 1, tooLarge: IntegrationErrors.logoTooLarge }))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload or replace the logo: PNG, JPEG or WebP (judged by content), at most 1 MB; SVG is refused' })
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  put(@CurrentSession() s: SessionContext, @Param('id') id: string, @UploadedFile() file: Express.Multer.File | undefined): Promise<IntegrationDetail> {
    return this.logos.put(s.companyId, id, file?.buffer);
  }

  @Get()
  @ApiProduces('image/png', 'image/jpeg', 'image/webp')
  @ApiOperation({ summary: 'The logo image' })
  async get(@CurrentSession() s: SessionContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const logo = await this.logos.get(s.companyId, id);
    res.set({
      'Content-Type': logo.mediaType,
      'Cache-Control': 'private',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      ETag: `"${logo.sha256}"`,
    });
    res.send(logo.bytes);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the logo' })
  remove(@CurrentSession() s: SessionContext, @Param('id') id: string): Promise<void> {
    return this.logos.remove(s.companyId, id);
  }
}
