import { describe, expect, it } from '@jest/globals';
import type { Page, Response } from 'playwright-core';
import { signUpInBrowser } from './support/browser';
import { createEchoConnector } from './support/connector-setup';
import { useProductInBrowser } from './support/product-in-browser';

/** What the sign-in page may cost a first visit in script, compressed, as it crosses the wire. */
const SIGN_IN_SCRIPT_BUDGET = 250_000;

// Text that only the code of each heavy library contains.
const CODEMIRROR = 'cm-editor';
const AJV = 'must have required property';
const XML_READER = 'Invalid character in entity name';

type Script = { url: string; wireBytes: number; encoding: string | undefined; text: string };

/** Records every script the page downloads while `action` runs (bytes as sent, and the code). */
async function scriptsLoadedBy(page: Page, action: () => Promise<void>): Promise<Script[]> {
  const pending: Promise<Script>[] = [];
  const onResponse = (res: Response) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      (async () => {
        const [sizes, headers, text] = await Promise.all([res.request().sizes(), res.allHeaders(), res.text()]);
        return { url: res.url(), wireBytes: sizes.responseBodySize, encoding: headers['content-encoding'], text };
      })(),
    );
  };
  page.on('response', onResponse);
  try {
    await action();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', onResponse);
  }
  return Promise.all(pending);
}

const containing = (scripts: Script[], marker: string) => scripts.filter((s) => s.text.includes(marker)).map((s) => new URL(s.url).pathname);

describe('first load of the web app', () => {
  const session = useProductInBrowser();

  it('sends the sign-in page compressed, within its script budget, without the editor, the schema validator or the XML reader', async () => {
    const { page } = session.browser;
    const scripts = await scriptsLoadedBy(page, async () => {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    });
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script.encoding).toMatch(/^(br|gzip)$/);
    const total = scripts.reduce((sum, s) => sum + s.wireBytes, 0);
    expect(total).toBeLessThanOrEqual(SIGN_IN_SCRIPT_BUDGET);
    expect(containing(scripts, CODEMIRROR)).toEqual([]);
    expect(containing(scripts, AJV)).toEqual([]);
    expect(containing(scripts, XML_READER)).toEqual([]);
  });

  it('loads the code editor only once a connector page shows one', async () => {
    const { page } = session.browser;
    const first = await scriptsLoadedBy(page, async () => {
      await signUpInBrowser(page);
    });
    expect(containing(first, CODEMIRROR)).toEqual([]);

    // The app is never called here: the page only shows the connector's settings.
    const connector = await createEchoConnector(page, 'http://127.0.0.1:9', 'Lazy editor app', 'app-key');
    const onConnector = await scriptsLoadedBy(page, async () => {
      await page.getByRole('link', { name: 'Provisioning' }).click();
      await page.getByRole('link', { name: /Lazy editor app/ }).first().click();
      await page.getByRole('tab', { name: /^Mappings/ }).click();
      await page.getByRole('textbox', { name: 'Mappings JSON' }).waitFor();
    });
    expect(page.url()).toContain(`/provisioning/${connector.id}`);
    const editor = onConnector.filter((s) => s.text.includes(CODEMIRROR));
    expect(editor).toHaveLength(1);
    expect(editor[0]!.encoding).toMatch(/^(br|gzip)$/);
    // In a chunk of its own: the connector page's code (which names the editor) came without it.
    const connectorPage = containing(onConnector, 'Mappings JSON');
    expect(connectorPage.length).toBeGreaterThan(0);
    expect(connectorPage).not.toContain(new URL(editor[0]!.url).pathname);
  });
});
