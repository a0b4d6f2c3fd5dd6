import { createBrowserRouter, Navigate } from 'react-router';
import { AppShellLayout } from './app-shell';
import { RequireAuth } from './require-auth';
import { SignInPage, SignUpPage } from './routes/auth-pages';
import { CompanySettingsPage } from './routes/company-settings';
import { IntegrationDetailsPage, IntegrationsPage, NewIntegrationPage } from './routes/integrations';
import { NotFoundPage } from './routes/not-found';
import { ProvisioningInstancePage, ProvisioningPage } from './routes/provisioning';

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
      { path: 'integrations', element: <IntegrationsPage /> },
      { path: 'integrations/new', element: <NewIntegrationPage /> },
      { path: 'integrations/:id/:tab?', element: <IntegrationDetailsPage /> },
      { path: 'provisioning', element: <ProvisioningPage /> },
      { path: 'provisioning/:id/:tab?', element: <ProvisioningInstancePage /> },
      { path: 'settings/company/:tab?', element: <CompanySettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
