import { Stack, Tabs, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { ApiKeysPanel } from '../../features/api-keys/components/api-keys-panel';
import { CompanyProfileForm } from '../../features/company/components/company-profile-form';

/** Settings › Company Settings, one tab per area; the URL keeps the open tab. */
export function CompanySettingsPage() {
  const { tab = 'general' } = useParams();
  const navigate = useNavigate();
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
