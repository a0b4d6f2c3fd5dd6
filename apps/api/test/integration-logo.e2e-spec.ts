import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { integrationDetailSchema } from '@gatehouse/contracts';
import request from 'supertest';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const MB = 1024 * 1024;
const image = (signature: number[] | string, size = 256, fill = 7) => {
  const head = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), fill)]);
};
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG = image(PNG_SIG);
const JPEG = image([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const WEBP = image('RIFF\x24\x00\x00\x00WEBPVP8 ');
const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** supertest keeps a binary answer as a Buffer only when asked to. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('Integration logo', () => {
  let t: TestApp;
  let admin: Admin;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const newIntegration = async (who: Admin = admin) =>
    (await who.post('/api/integrations').send({ name: 'Logo test', monitoringIds: ['mfa_enforcement'] }).expect(201)).body as { id: string; updatedAt: string };
  const logo = (id: string) => `/api/integrations/${id}/logo`;

  describe('PUT /api/integrations/:id/logo', () => {
    it.each([
      ['PNG', PNG, 'image/png'],
      ['JPEG', JPEG, 'image/jpeg'],
      ['WebP', WEBP, 'image/webp'],
    ])('stores a %s and the details show it', async (_kind, bytes, mediaType) => {
      const { id, updatedAt } = await newIntegration();
      const res = await admin.put(logo(id)).attach('file', bytes, { filename: 'logo.bin', contentType: 'application/octet-stream' }).expect(200);
      const body = integrationDetailSchema.parse(res.body);
      expect(body.hasLogo).toBe(true);
      expect(body.logoUrl).toMatch(new RegExp(`^/api/integrations/${id}/logo\\?v=[0-9a-f]{16}$`));
      expect(new Date(body.updatedAt).getTime()).toBeGreaterThan(new Date(updatedAt).getTime());
      const [row] = await t.dataSource.query('SELECT media_type, size_bytes FROM integration_logos WHERE integration_id = $1', [id]);
      expect(row).toEqual({ media_type: mediaType, size_bytes: bytes.length });
    });

    it('judges by content, not by file name or the type the client claims', async () => {
      const { id } = await newIntegration();
      await admin.put(logo(id)).attach('file', PNG, { filename: 'logo.svg', contentType: 'image/svg+xml' }).expect(200);
      const served = await admin.get(logo(id)).buffer(true).parse(binary).expect(200);
      expect(served.headers['content-type']).toBe('image/png');

      const refused = await admin.put(logo(id)).attach('file', SVG, { filename: 'logo.png', contentType: 'image/png' }).expect(400);
      expect(refused.body.message).toBe('SVG logos are not accepted; upload PNG, JPEG or WebP');
    });

    it('refuses SVG with 400 saying what to upload instead', async () => {
      const { id } = await newIntegration();
      const res = await admin.put(logo(id)).attach('file', SVG, 'logo.svg').expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'SVG logos are not accepted; upload PNG, JPEG or WebP',
        details: [{ path: 'file', message: 'SVG logos are not accepted; upload PNG, JPEG or WebP' }],
      });
      await admin.get(logo(id)).expect(404);
    });

    it.each([
      ['a GIF', image('GIF89a'), 'This file is a GIF image; upload a PNG, JPEG or WebP image'],
      ['a PDF', image('%PDF-1.7'), 'This file is a PDF document; upload a PNG, JPEG or WebP image'],
      ['plain text', Buffer.from('not an image at all'), 'This file is not a PNG, JPEG or WebP image; upload a PNG, JPEG or WebP image'],
      ['an empty file', Buffer.alloc(0), 'The file is empty; upload a PNG, JPEG or WebP image'],
    ])('refuses %s with 400', async (_what, bytes, message) => {
      const { id } = await newIntegration();
      const res = await admin.put(logo(id)).attach('file', bytes, 'logo.png').expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message });
    });

    it('accepts exactly 1 MB', async () => {
      const { id } = await newIntegration();
      await admin.put(logo(id)).attach('file', image(PNG_SIG, MB), 'big.png').expect(200);
    });

    it.each([
      ['one byte over 1 MB', MB + 1],
      ['3 MB', 3 * MB],
    ])('refuses %s with 413 naming the limit, keeping the current logo', async (_what, size) => {
      const { id } = await newIntegration();
      await admin.put(logo(id)).attach('file', PNG, 'logo.png').expect(200);
      const res = await admin.put(logo(id)).attach('file', image(PNG_SIG, size), 'big.png').expect(413);
      expect(res.body).toMatchObject({
        statusCode: 413,
        error: 'Payload Too Large',
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The logo is larger than 1 MB; upload an image of at most 1 MB.',
      });
      const served = await admin.get(logo(id)).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
    });

    it('asks for the file in the field "file"', async () => {
      const { id } = await newIntegration();
      const wrongField = await admin.put(logo(id)).attach('logo', PNG, 'logo.png').expect(400);
      expect(wrongField.body.message).toContain('field named "file"');
      const noFile = await admin.put(logo(id)).field('name', 'x').expect(400);
      expect(noFile.body.message).toBe('Send the logo as multipart/form-data in a field named "file".');
      const json = await admin.put(logo(id)).send({ file: 'data:image/png;base64,AAAA' }).expect(400);
      expect(json.body.details).toEqual([{ path: 'file', message: 'is required' }]);
      const two = await admin.put(logo(id)).attach('file', PNG, 'a.png').attach('file', PNG, 'b.png').expect(400);
      expect(two.body.message).toContain('exactly one file');
    });

    it('replaces the logo: new bytes, new URL version', async () => {
      const { id } = await newIntegration();
      const first = await admin.put(logo(id)).attach('file', PNG, 'a.png').expect(200);
      const second = await admin.put(logo(id)).attach('file', JPEG, 'b.jpg').expect(200);
      expect(second.body.logoUrl).not.toBe(first.body.logoUrl);
      const served = await admin.get(second.body.logoUrl).buffer(true).parse(binary).expect(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(Buffer.compare(served.body as Buffer, JPEG)).toBe(0);
      const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM integration_logos WHERE integration_id = $1', [id]);
      expect(row.n).toBe(1);
    });

    it('answers a missing or malformed integration id with 404', async () => {
      await admin.put(logo(MISSING_ID)).attach('file', PNG, 'logo.png').expect(404);
      await admin.put(logo('nope')).attach('file', PNG, 'logo.png').expect(404);
    });

    it('needs an admin session and its CSRF token', async () => {
      const { id } = await newIntegration();
      await request(t.http).put(logo(id)).attach('file', PNG, 'logo.png').expect(401);
      await admin.agent.put(logo(id)).attach('file', PNG, 'logo.png').expect(403);
    });
  });

  describe('GET /api/integrations/:id/logo', () => {
    it('serves the bytes with the detected type, Cache-Control: private and nosniff', async () => {
      const { id } = await newIntegration();
      await admin.put(logo(id)).attach('file', WEBP, 'logo.webp').expect(200);
      const res = await admin.get(logo(id)).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(res.body as Buffer, WEBP)).toBe(0);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(res.headers['cache-control']).toBe('private');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-length']).toBe(String(WEBP.length));
      // Revalidation is cheap: the ETag is the content hash.
      await admin.get(logo(id)).set('If-None-Match', res.headers['etag']!).expect(304);
    });

    it('answers 404 when there is no logo', async () => {
      const { id } = await newIntegration();
      const res = await admin.get(logo(id)).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: 'This integration has no logo' });
    });

    it('shows in the list as hasLogo and logoUrl', async () => {
      const { id } = await newIntegration();
      const put = await admin.put(logo(id)).attach('file', PNG, 'logo.png').expect(200);
      const list = await admin.get('/api/integrations').expect(200);
      expect(list.body.find((i: { id: string }) => i.id === id)).toMatchObject({ hasLogo: true, logoUrl: put.body.logoUrl });
    });

    it('needs an admin session', async () => {
      const { id } = await newIntegration();
      await admin.put(logo(id)).attach('file', PNG, 'logo.png').expect(200);
      await request(t.http).get(logo(id)).expect(401);
    });
  });

  describe('DELETE /api/integrations/:id/logo', () => {
    it('removes the logo with 204; a second delete is a 404', async () => {
      const { id } = await newIntegration();
      await admin.put(logo(id)).attach('file', PNG, 'logo.png').expect(200);
      await admin.delete(logo(id)).expect(204);
      await admin.get(logo(id)).expect(404);
      const details = await admin.get(`/api/integrations/${id}`).expect(200);
      expect(details.body).toMatchObject({ hasLogo: false, logoUrl: null });
      await admin.delete(logo(id)).expect(404);
    });
  });

  describe('company B and company A’s logo', () => {
    it('answers 404 to B on GET, PUT and DELETE, and A’s logo stays', async () => {
      const b = await signUpAdmin(t);
      const { id } = await newIntegration();
      await admin.put(logo(id)).attach('file', PNG, 'logo.png').expect(200);
      const missing = await b.get(logo(MISSING_ID)).expect(404);
      for (const attempt of [b.get(logo(id)), b.put(logo(id)).attach('file', JPEG, 'x.jpg'), b.delete(logo(id))]) {
        expect((await attempt.expect(404)).body).toEqual(missing.body);
      }
      const served = await admin.get(logo(id)).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
    });
  });
});
