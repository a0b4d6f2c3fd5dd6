import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { preloadOpenedPage, router } from './app/router';
import { cspNonce } from './lib/csp-nonce';
import { queryClient } from './lib/query-client';

const nonce = cspNonce();
// react-remove-scroll (behind Mantine's modals) takes the nonce for its <style> from get-nonce,
// which reads this global.
if (nonce) (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce;

// A page's code loads on first use; after a new build is deployed, a page opened before it asks
// for chunks that are gone (404). Loading the page again fetches the new build, once per minute
// at most so a chunk missing for another reason cannot loop.
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('gatehouse-reloaded-at') ?? 0);
  if (Date.now() - last < 60_000) return;
  event.preventDefault();
  sessionStorage.setItem('gatehouse-reloaded-at', String(Date.now()));
  window.location.reload();
});
preloadOpenedPage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider getStyleNonce={nonce ? () => nonce : undefined}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
