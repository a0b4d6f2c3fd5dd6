import { describe, expect, it } from '@jest/globals';
import { signUpInBrowser } from './support/browser';
import { useProductInBrowser } from './support/product-in-browser';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('Provisioning › IdP profile in the browser', () => {
  const session = useProductInBrowser();

  it('chooses how SCIM PATCH is answered: generic by default, entra 204, okta 200 with the user', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'IdP Profile Co' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Provisioning' }).click();
    await page.getByRole('button', { name: '+ Custom HTTP' }).first().click();
    const create = page.getByRole('dialog', { name: 'New Custom HTTP instance' });
    await create.getByLabel('Name').fill('Directory');
    await create.getByRole('button', { name: 'Create instance' }).click();
    await page.waitForURL(/\/provisioning\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Directory', level: 2 }).waitFor();

    // The setting, its choices explained, and the default.
    const profile = page.getByRole('radiogroup', { name: 'IdP profile' });
    await profile.waitFor();
    await profile.getByText('every SCIM client reads this answer', { exact: false }).waitFor();
    await profile.getByText('204 No Content', { exact: false }).waitFor();
    await expect(page.getByRole('radio', { name: 'Generic (default)' }).isChecked()).resolves.toBe(true);

    // Enabled with bearer auth and no capabilities: SCIM is served from Gatehouse's store alone.
    await page.getByRole('combobox', { name: 'Auth type' }).click();
    await page.getByRole('option', { name: 'Bearer token' }).click();
    await page.getByRole('switch', { name: /^Enabled/ }).check({ force: true });
    await page.getByRole('radio', { name: 'Microsoft Entra ID' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();
    await page.reload();
    await page.getByRole('radiogroup', { name: 'IdP profile' }).waitFor();
    await expect(page.getByRole('radio', { name: 'Microsoft Entra ID' }).isChecked()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/idp-profile-settings.png', fullPage: true });

    await page.getByRole('tab', { name: 'SCIM connection' }).click();
    const baseUrl = await page.getByLabel('SCIM base URL', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Generate token' }).click();
    await page.getByRole('button', { name: 'Show SCIM token' }).click();
    const token = await page.getByLabel('SCIM token', { exact: true }).inputValue();
    const scim = (method: string, path: string, body: unknown) =>
      fetch(`${session.product.url}${new URL(baseUrl).pathname}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify(body),
      });

    // A create with its core attributes under the core schema URN is read like any other.
    const created = await scim('POST', '/Users', { schemas: [USER_SCHEMA], [USER_SCHEMA]: { userName: 'ana@corp.example', displayName: 'Ana' } });
    expect(created.status).toBe(201);
    const userId = ((await created.json()) as { id: string; userName: string }).id;

    const underEntra = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Ana E' }] });
    expect(underEntra.status).toBe(204);
    expect(await underEntra.text()).toBe('');

    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Okta' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();

    const underOkta = await scim('PATCH', `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Ana O' }] });
    expect(underOkta.status).toBe(200);
    expect(await underOkta.json()).toMatchObject({ id: userId, userName: 'ana@corp.example', displayName: 'Ana O' });
  }, 120_000);
});
