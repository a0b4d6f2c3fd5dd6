import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { signUpInBrowser } from './support/browser';
import { DOCUMENTED_CREATE_GROUP_MAPPING } from './support/fixtures';
import { useProductInBrowser } from './support/product-in-browser';

const createGroup = DOCUMENTED_CREATE_GROUP_MAPPING;

/** Calls the API with the page's session, as the app itself does. */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = decodeURIComponent(/(?:^|;\s*)gh_csrf=([^;]*)/.exec(document.cookie)![1]!);
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    { method, path, body },
  );
}

/** The header badge that sums up the draft's problems ("No problems", "1 problem", ...). */
function problemBadge(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: new RegExp(`^${text}$`) });
}

/** Replaces the whole text of a CodeMirror editor the way a person pasting would. */
async function replaceEditorText(page: Page, label: string, text: string) {
  await page.getByRole('textbox', { name: label }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

describe('Provisioning › the problems badge', () => {
  const session = useProductInBrowser();

  it('counts a missing secret, deactivation as delete without delete_user, http:// URLs and refused placeholders', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Problems Badge Co' });
    const created = await api(page, 'POST', '/api/connectors', {
      name: 'Badge app',
      enabled: true,
      auth: { type: 'bearer' },
      capabilities: { create_group: true },
      mappings: { create_group: createGroup },
    });
    expect(created.status).toBe(201);
    await page.goto(`/provisioning/${created.body.id as string}`);
    await page.getByRole('heading', { name: 'Badge app', level: 2 }).waitFor();

    // Enabled, valid, but no secret: every call would fail, so the badge is not green.
    await problemBadge(page, '1 problem').waitFor();
    await expect(problemBadge(page, 'No problems').count()).resolves.toBe(0);
    await page.getByText(/no secret set: auth type bearer needs one \(the bearer token\)/).waitFor();
    await page.getByLabel('Bearer token', { exact: true }).fill('badge-secret-5d1e');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByText('Secret set').waitFor();
    await problemBadge(page, 'No problems').waitFor();

    // Treat deactivation as delete while delete_user is off: a warning, which does not stop a save.
    await page.getByRole('switch', { name: /^Treat deactivation as delete/ }).check({ force: true });
    await problemBadge(page, '1 problem').waitFor();
    await page.getByText(/capability delete_user is off, so a deactivation is sent as update_user instead/).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();
    await problemBadge(page, '1 problem').waitFor();
    await page.getByRole('switch', { name: /^Treat deactivation as delete/ }).uncheck({ force: true });
    await problemBadge(page, 'No problems').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').last().waitFor();

    // An http:// URL while HTTPS is required: counted as you type, and the save is refused.
    await page.getByRole('tab', { name: /Mappings/ }).click();
    await replaceEditorText(page, 'Mappings JSON', JSON.stringify({ create_group: { ...createGroup, url_template: 'http://api.example.com/v1/groups' } }, null, 2));
    await problemBadge(page, '1 problem').waitFor();
    const live = page.getByRole('region', { name: 'Problems in the mappings' });
    await live.getByText(/HTTPS is required: http:\/\/api\.example\.com uses plain http/).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('region', { name: 'Problems in the mappings' }).getByText('Not saved: the server found 1 problem').waitFor();
    const stored = await api(page, 'GET', `/api/connectors/${created.body.id as string}`);
    expect(stored.body.mappings).toEqual({ create_group: createGroup });

    // A format spec in a placeholder: the field and the position are named.
    await replaceEditorText(page, 'Mappings JSON', JSON.stringify({ create_group: { ...createGroup, body_template: '{"name":"{group_name:>20}"}' } }, null, 2));
    await problemBadge(page, '1 problem').waitFor();
    await live.getByText(/at character 10: \{group_name:>20\} uses a format spec \(:>20\), which is not supported/).waitFor();

    // {{ }} are literal braces: valid, and the badge is green again.
    await replaceEditorText(page, 'Mappings JSON', JSON.stringify({ create_group: { ...createGroup, body_template: '{"name":"{group_name}","note":"{{group_name}}"}' } }, null, 2));
    await problemBadge(page, 'No problems').waitFor();
  });
});
