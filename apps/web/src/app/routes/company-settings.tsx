import { Stack, Tabs, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { ApiKeysPanel } from '../../features/api-keys/components/api-keys-panel';
import { CompanyProfileForm } from '../../features/company/components/company-profile-form';
import { NotFoundPage } from './not-found';

const TABS = ['general', 'api-keys'] as const;

/** Settings › Company Settings, one tab per area; the URL keeps the open tab. */
export function CompanySettingsPage() {
  const { tab = 'general' } = useParams();
  const navigate = useNavigate();
  if (!TABS.includes(tab as (typeof TABS)[number])) {
    return <NotFoundPage message={`Company Settings has no “${tab}” tab.`} backTo="/settings/company" backLabel="Go to Company Settings" />;
  }
  return (
    <Stack>
      <Title order={2}>Company Settings</Title>
      <Tabs value={tab} onChange={(v) => navigate(`/settings/company/${v ?? 'general'}`)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="general">General</Tabs.Tab>
          <Tabs.Tab value="api-keys">API Keys</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general" pt="md">
          <CompanyProfileForm />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys" pt="md">
          <ApiKeysPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
