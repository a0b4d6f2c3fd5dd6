import { describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { createThroughApi, signUpInBrowser } from './support/browser';
import { useProductInBrowser } from './support/product-in-browser';

const PHONE = { width: 390, height: 844 };

/** Whether the whole element is inside the viewport's width (not clipped or pushed off to the right). */
async function fullyVisibleAcross(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= page.viewportSize()!.width;
}

describe('the admin app on a phone and from the keyboard', () => {
  const session = useProductInBrowser();

  it('fits the integration details page in 390 px: Edit, Delete and Validate are all reachable', async () => {
    const { page } = session.browser;
    await signUpInBrowser(page, { company: 'Narrow Screen Co' });
    const integration = await createThroughApi(page, '/api/integrations', {
      name: 'In-house HR System with a rather long name for a small screen',
      description: 'Employees from the HR database, pushed every night.',
      monitoringIds: ['employee_onboarding_offboarding'],
    });
    await page.setViewportSize(PHONE);
    await page.goto(`/integrations/${integration.id}`);
    const validate = page.getByRole('button', { name: 'Validate list_employees data' });
    await validate.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const button of [page.getByRole('button', { name: 'Edit' }), page.getByRole('button', { name: 'Delete' }), validate]) {
      await button.scrollIntoViewIfNeeded();
      await expect(fullyVisibleAcross(page, button)).resolves.toBe(true);
    }
    await page.screenshot({ path: '/tmp/narrow-details.png', fullPage: true });
  });

  it('offers "Skip to content" as the first stop of Tab, which moves the keyboard past the navigation', async () => {
    const { page } = session.browser;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/integrations');
    await page.getByRole('heading', { name: 'Integrations', level: 2 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(fullyVisibleAcross(page, skip)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main-content');
    // The next Tab lands inside the page, not in the sidebar.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => !!document.activeElement?.closest('#main-content'))).resolves.toBe(true);
  });
});
