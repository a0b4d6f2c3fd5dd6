import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppShellLayout } from './app-shell';
import { RequireAuth } from './require-auth';
import { SignInPage, SignUpPage } from './routes/auth-pages';
import { NotFoundPage } from './routes/not-found';

// The pages behind sign-in are loaded when first opened, each with what it alone uses (the code
// editor, the schema validator, the XML reader), so the sign-in page downloads none of them.
// Sign-in and sign-up stay in the first script: they are what a first visit shows.
const pages = {
  integrations: () => import('./routes/integrations'),
  provisioning: () => import('./routes/provisioning'),
  companySettings: () => import('./routes/company-settings'),
};
const IntegrationsPage = lazy(() => pages.integrations().then((m) => ({ default: m.IntegrationsPage })));
const NewIntegrationPage = lazy(() => pages.integrations().then((m) => ({ default: m.NewIntegrationPage })));
const IntegrationDetailsPage = lazy(() => pages.integrations().then((m) => ({ default: m.IntegrationDetailsPage })));
const ProvisioningPage = lazy(() => pages.provisioning().then((m) => ({ default: m.ProvisioningPage })));
const ProvisioningInstancePage = lazy(() => pages.provisioning().then((m) => ({ default: m.ProvisioningInstancePage })));
const CompanySettingsPage = lazy(() => pages.companySettings().then((m) => ({ default: m.CompanySettingsPage })));

/** What a route's page needs loaded; read by preloadOpenedPage. */
type PageHandle = { load?: () => Promise<unknown> };

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShellLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/integrations" replace /> },
      { path: 'integrations', element: <IntegrationsPage />, handle: { load: pages.integrations } satisfies PageHandle },
      { path: 'integrations/new', element: <NewIntegrationPage />, handle: { load: pages.integrations } satisfies PageHandle },
      { path: 'integrations/:id/:tab?', element: <IntegrationDetailsPage />, handle: { load: pages.integrations } satisfies PageHandle },
      { path: 'provisioning', element: <ProvisioningPage />, handle: { load: pages.provisioning } satisfies PageHandle },
      { path: 'provisioning/:id/:tab?', element: <ProvisioningInstancePage />, handle: { load: pages.provisioning } satisfies PageHandle },
      { path: 'settings/company/:tab?', element: <CompanySettingsPage />, handle: { load: pages.companySettings } satisfies PageHandle },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/**
 * Starts loading the page the browser was opened on right away, while the session is checked,
 * rather than once the check has answered (the page's code and the check then share the wait).
 */
export function preloadOpenedPage() {
  for (const match of router.state.matches) void (match.route.handle as PageHandle | undefined)?.load?.().catch(() => undefined);
}
