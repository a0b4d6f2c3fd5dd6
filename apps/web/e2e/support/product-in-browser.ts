import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { openBrowser } from './browser';
import { removeDir, startProduct, type Product } from './product';

export type ProductInBrowser = { product: Product; browser: Awaited<ReturnType<typeof openBrowser>> };

/**
 * Starts the built product and a fresh Chromium for the enclosing describe block, and stops
 * both (removing the product's data) after it. Read the fields inside tests, not at load time.
 */
export function useProductInBrowser(): ProductInBrowser {
  const session = {} as ProductInBrowser;
  beforeAll(async () => {
    session.product = await startProduct();
    session.browser = await openBrowser(session.product.url);
  });
  // Every browser test also shows that the app works under its Content-Security-Policy.
  afterEach(() => {
    const violations = session.browser?.cspViolations.splice(0) ?? [];
    expect(violations).toEqual([]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.product?.stop();
    if (session.product) removeDir(session.product.dataDir);
  });
  return session;
}
