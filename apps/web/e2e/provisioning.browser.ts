import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { expectCount, signUpInBrowser } from './support/browser';
import { useProductInBrowser } from './support/product-in-browser';

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/** The connected app: a loopback HTTP server that records every request and creates users. */
async function startDownstream() {
  const seen: Seen[] = [];
  let next = 100;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const send = (status: number, answer: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      };
      if (req.method === 'POST' && req.url === '/v1/users') {
        const email = (JSON.parse(body || '{}') as { email?: string }).email;
        return send(201, { data: { id: `u-${(next += 1)}`, email } });
      }
      const update = /^\/v1\/users\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'PATCH' && update) return send(200, { data: { id: update[1] } });
      send(404, { error: { message: 'no such route' } });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** Replaces the whole text of a CodeMirror editor the way a person pasting would. */
async function replaceEditorText(page: Page, label: string, text: string) {
  const editor = page.getByRole('textbox', { name: label });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** Picks an option of a segmented control by its visible label (the radio itself is visually hidden). */
/**
 * Waits for the editor's suggestion `name` (offered while typing) and accepts it with Enter. The
 * editor ignores Enter for its first 75 ms on screen (so a fast typist does not accept a list
 * that just opened; the Enter would be a line break), hence the short pause before it.
 */
async function acceptSuggestion(page: Page, name: RegExp) {
  await page.getByRole('option', { name }).waitFor();
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
}

async function pickSegment(page: Page, control: string, label: string) {
  await page.getByLabel(control).locator('label').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

/** A full-page screenshot from the top (the app shell's header is fixed), mouse out of the way. */
async function shot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `/tmp/provisioning-${name}.png`, fullPage: true });
}

describe('Provisioning › Custom HTTP in the browser', () => {
  const session = useProductInBrowser();
  let downstream: Awaited<ReturnType<typeof startDownstream>>;
  beforeAll(async () => {
    downstream = await startDownstream();
  });
  afterAll(async () => {
    await downstream?.close();
  });

  it('sets up an instance, previews, live-tests, and provisions a user over SCIM', async () => {
    const { page } = session.browser;
    const secret = 'downstream-secret-7f3a9c';
    await signUpInBrowser(page, { company: 'Provisioning Browser Co' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Provisioning' }).click();

    // Empty state, then a new instance named in a small dialog.
    await page.getByRole('heading', { name: 'No provisioning instances yet' }).waitFor();
    await page.getByText(/does not speak\s+SCIM/).waitFor();
    await shot(page, 'empty');
    await page.getByRole('button', { name: '+ Custom HTTP' }).first().click();
    const create = page.getByRole('dialog', { name: 'New Custom HTTP instance' });
    await create.getByRole('button', { name: 'Create instance' }).click();
    await create.getByText('Enter a name.').waitFor();
    await create.getByLabel('Name').fill('HR portal');
    await create.getByRole('button', { name: 'Create instance' }).click();
    await page.waitForURL(/\/provisioning\/[0-9a-f-]{36}$/);
    const connectorId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: 'HR portal', level: 2 }).waitFor();
    await page.getByText('Disabled', { exact: true }).waitFor();

    // Settings: http allowed for the loopback stub, bearer auth, and the write-only secret.
    await page.getByRole('switch', { name: /^Allow insecure HTTP/ }).check({ force: true });
    await page.getByRole('combobox', { name: 'Auth type' }).click();
    await page.getByRole('option', { name: 'Bearer token' }).click();
    await page.getByLabel('Bearer token', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByText('Secret set').waitFor();
    await page.getByRole('button', { name: 'Replace bearer token' }).waitFor();
    await expectCount(page.getByText(secret), 0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();

    // Capabilities and mappings typed into the JSON editors; create_user lacks response_fields.id.
    await page.getByRole('tab', { name: 'Capabilities' }).click();
    await replaceEditorText(page, 'Capabilities JSON', JSON.stringify({ create_user: true, update_user: true, delete_user: false }, null, 2));
    await page.getByText('No problems found in the capabilities.').waitFor();
    await pickSegment(page, 'Capabilities editor view', 'Form');
    await expect(page.getByRole('switch', { name: /^create_user/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('switch', { name: /^delete_user/ }).isChecked()).resolves.toBe(false);
    await shot(page, 'capabilities');
    await page.getByRole('tab', { name: /Mappings/ }).click();
    // The editor suggests mapping fields and placeholders while typing.
    await page.getByRole('textbox', { name: 'Mappings JSON' }).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('{"create_user": {"url_t');
    await acceptSuggestion(page, /url_template/);
    await page.keyboard.type('": "https://api.example.com/users/{integ');
    await acceptSuggestion(page, /\{integration_user_id\}/);
    await page.getByText('"url_template": "https://api.example.com/users/{integration_user_id}"').waitFor();
    const mappings = {
      create_user: {
        http_method: 'POST',
        url_template: `${downstream.url}/v1/users`,
        body_kind: 'json',
        body_template: '{"email":"{scim_user_email}","name":"{scim_user_display_name}"}',
        success_status: [201],
        response_fields: { email: 'data.email' },
      },
      update_user: {
        http_method: 'PATCH',
        url_template: `${downstream.url}/v1/users/{integration_user_id}`,
        body_kind: 'json',
        body_template: '{"active":{scim_user_active}}',
        success_status: [200, 204],
        response_fields: { id: 'data.id' },
      },
    };
    await replaceEditorText(page, 'Mappings JSON', JSON.stringify(mappings, null, 2));
    const live = page.getByRole('region', { name: 'Problems in the mappings' });
    await live.getByText('1 problem: fix them before enabling the instance').waitFor();
    await live.getByRole('button', { name: 'mappings.create_user.response_fields.id: required' }).waitFor();

    // Enabling it is refused by the server, with the problem listed where the save started.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: /^Enabled/ }).check({ force: true });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const refused = page.getByRole('region', { name: 'Problems in the capabilities and mappings' });
    await refused.getByText('Not saved: the server found 1 problem').waitFor();
    await shot(page, 'settings-refused');

    // The problem links to the field in the form view, where it is fixed.
    await refused.getByRole('button', { name: 'mappings.create_user.response_fields.id: required' }).click();
    await page.waitForURL(/\/mappings$/);
    await expect(page.getByRole('radio', { name: 'Form' }).isChecked()).resolves.toBe(true);
    const idField = page.getByRole('textbox', { name: /^id/ });
    await expect(idField.getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'mappings-form-error');
    await idField.fill('data.id');
    await page.getByText('No problems found in the mappings.').waitFor();
    await pickSegment(page, 'Mappings editor view', 'JSON');
    // The form wrote back into the JSON: both mappings now read the id.
    await page.getByText('"id": "data.id"').nth(1).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();
    await page.getByText('Enabled', { exact: true }).first().waitFor();
    await shot(page, 'mappings');

    // Preview computed in the browser, with a sample response; then the server's preview.
    await page.getByRole('tab', { name: 'Preview & Test' }).click();
    const preview = page.getByRole('group', { name: 'Preview request' });
    await expect(preview.getByLabel('URL').textContent()).resolves.toBe(`${downstream.url}/v1/users`);
    await preview.getByText('Bearer ••••••').waitFor();
    await preview.getByText('jane.doe@example.com').waitFor();
    // XML samples are read in the browser too; this one does not have the mapped path.
    await page.getByLabel('Sample response body').fill('<user><id>9</id></user>');
    await page.getByText('this root is <user>', { exact: false }).waitFor();
    await page.getByLabel('Sample response body').fill('{"data": {"id": "u-42", "email": "jane@corp.example"}}');
    const resolved = page.getByRole('table', { name: 'Resolved from the sample response' });
    await resolved.getByText('u-42').waitFor();
    await resolved.getByText('jane@corp.example').waitFor();
    await page.getByRole('button', { name: 'Run server Preview' }).click();
    const server = page.getByRole('group', { name: 'Server preview request' });
    await expect(server.getByLabel('URL').textContent()).resolves.toBe(`${downstream.url}/v1/users`);
    await page.getByRole('table', { name: 'Resolved by the server' }).getByText('u-42').waitFor();
    expect(downstream.seen).toHaveLength(0);

    // A live POST: the button waits for the acknowledgment, and the server refuses without it.
    const run = page.getByRole('button', { name: 'Run live test' });
    await expect(run.isDisabled()).resolves.toBe(true);
    const unacknowledged = await page.evaluate(async (id) => {
      const csrf = decodeURIComponent(/(?:^|;\s*)gh_csrf=([^;]*)/.exec(document.cookie)![1]!);
      const res = await fetch(`/api/connectors/${id}/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ operation: 'create_user' }),
      });
      return { status: res.status, body: (await res.json()) as { details: Array<{ path: string }> } };
    }, connectorId);
    expect(unacknowledged.status).toBe(400);
    expect(unacknowledged.body.details[0]!.path).toBe('acknowledgeSideEffects');
    expect(downstream.seen).toHaveLength(0);
    await page.getByRole('checkbox', { name: 'I understand this sends a real request that can change data in the connected app' }).check();
    await run.click();
    const result = page.getByRole('region', { name: 'Live test result' });
    await result.getByText('Succeeded').waitFor();
    await result.getByText('201', { exact: true }).waitFor();
    await result.getByRole('table', { name: 'Resolved result' }).getByText('u-101').waitFor();
    expect(downstream.seen).toHaveLength(1);
    await page.getByText(/^Last call: (?!Never)/).waitFor();
    expect(downstream.seen[0]).toMatchObject({ method: 'POST', url: '/v1/users', headers: { authorization: `Bearer ${secret}` } });
    expect(JSON.parse(downstream.seen[0]!.body)).toEqual({ email: 'jane.doe@example.com', name: 'Jane Doe' });
    await shot(page, 'preview-test');

    // SCIM connection: a token shown once, then used the way an identity provider would.
    await page.getByRole('tab', { name: 'SCIM connection' }).click();
    const baseUrl = await page.getByLabel('SCIM base URL', { exact: true }).inputValue();
    expect(new URL(baseUrl)).toMatchObject({ port: new URL(session.product.url).port, pathname: `/scim/v2/${connectorId}` });
    await page.getByText('No token yet.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Generate token' }).click();
    await page.getByText('Copy this token now', { exact: false }).waitFor();
    const tokenField = page.getByLabel('SCIM token', { exact: true });
    await expect(tokenField.getAttribute('type')).resolves.toBe('password');
    await page.getByRole('button', { name: 'Show SCIM token' }).click();
    const token = await tokenField.inputValue();
    await page.getByRole('button', { name: 'Copy SCIM token' }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(token);
    await page.getByText('Tenant URL', { exact: false }).waitFor();
    await shot(page, 'scim');

    const scimUsers = `${session.product.url}${new URL(baseUrl).pathname}/Users`;
    const provisioned = await fetch(scimUsers, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'sam.lee@corp.example',
        name: { givenName: 'Sam', familyName: 'Lee' },
        displayName: 'Sam Lee',
        emails: [{ value: 'sam.lee@corp.example', primary: true }],
        active: true,
      }),
    });
    expect(provisioned.status).toBe(201);
    expect(downstream.seen).toHaveLength(2);
    expect(downstream.seen[1]).toMatchObject({ method: 'POST', url: '/v1/users', headers: { authorization: `Bearer ${secret}` } });
    expect(JSON.parse(downstream.seen[1]!.body)).toEqual({ email: 'sam.lee@corp.example', name: 'Sam Lee' });

    // Rotating asks first; the old token stops working at once.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Rotate token' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate the SCIM token?' });
    await rotate.getByText('the old token stops working at once', { exact: false }).waitFor();
    await rotate.getByRole('button', { name: 'Rotate token' }).click();
    await page.getByLabel('SCIM token', { exact: true }).waitFor();
    const old = await fetch(scimUsers, { headers: { authorization: `Bearer ${token}` } });
    expect(old.status).toBe(401);

    // Activity: the live test and the SCIM-driven call, filterable by outcome.
    await page.getByRole('tab', { name: 'Activity' }).click();
    const calls = page.getByRole('table', { name: 'Connector calls' });
    await calls.getByText('SCIM', { exact: true }).waitFor();
    await calls.getByText('Live test', { exact: true }).waitFor();
    await expectCount(calls.getByRole('row'), 3);
    await expectCount(calls.getByText(`${downstream.url}/v1/users`), 2);
    // The user provisioned over SCIM, with the id the app gave it (the live test's user is not one).
    const users = page.getByRole('table', { name: 'Provisioned users' });
    const sam = users.getByRole('row', { name: /sam\.lee@corp\.example/ });
    await sam.getByText('u-102', { exact: true }).waitFor();
    await sam.getByText('Active', { exact: true }).waitFor();
    await expectCount(users.getByRole('row'), 2);
    await page.getByLabel('Search users').fill('nobody');
    await page.getByText('No users match “nobody”.').waitFor();
    await page.getByLabel('Search users').fill('SAM.LEE');
    await sam.waitFor();
    await page.getByText('No groups provisioned yet.').waitFor();
    await shot(page, 'activity');
    await pickSegment(page, 'Outcome', 'Failure');
    await page.getByText('No calls match these filters.').waitFor();
    await pickSegment(page, 'Outcome', 'Success');
    await calls.getByText('SCIM', { exact: true }).waitFor();
    await expectCount(calls.getByRole('row'), 3);

    // The list shows the instance's status and last call; a copy takes no secret along.
    await page.getByRole('link', { name: 'Provisioning' }).first().click();
    const row = page.getByRole('row', { name: /HR portal/ });
    await row.getByText('Enabled').waitFor();
    await expectCount(row.getByText('Never'), 0);
    await page.getByRole('button', { name: 'Copy settings from…' }).click();
    const copy = page.getByRole('dialog', { name: 'Copy settings from another instance' });
    await copy.getByText('Secrets are not', { exact: false }).waitFor();
    await copy.getByLabel('Name').fill('HR portal (staging)');
    await copy.getByRole('button', { name: 'Create copy' }).click();
    await page.getByRole('heading', { name: 'HR portal (staging)', level: 2 }).waitFor();
    await page.getByText('Disabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save secret' }).waitFor();
    await expect(page.getByLabel('Allow insecure HTTP').isChecked()).resolves.toBe(true);
    await shot(page, 'copy');
  });
});
