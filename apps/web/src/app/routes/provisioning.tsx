import { Anchor, Breadcrumbs, Stack, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { ConnectorDetails } from '../../features/provisioning/components/connector-details';
import { ProvisioningOverview } from '../../features/provisioning/components/provisioning-overview';
import { CONNECTOR_TABS, type ConnectorTab } from '../../features/provisioning/utils/problem-location';

const instancePath = (id: string, tab: ConnectorTab = 'settings') => (tab === 'settings' ? `/provisioning/${id}` : `/provisioning/${id}/${tab}`);

/** /provisioning: the company's provisioning instances. */
export function ProvisioningPage() {
  const navigate = useNavigate();
  return <ProvisioningOverview hrefOf={(c) => instancePath(c.id)} onOpen={(c) => navigate(instancePath(c.id))} />;
}

const isTab = (value: string | undefined): value is ConnectorTab => CONNECTOR_TABS.includes(value as ConnectorTab);

/** /provisioning/:id/:tab?: one instance; the URL keeps the open tab. */
export function ProvisioningInstancePage() {
  const { id = '', tab } = useParams();
  const navigate = useNavigate();
  return (
    <Stack>
      <Breadcrumbs aria-label="Breadcrumb">
        <Anchor component={Link} to="/provisioning" size="sm">
          Provisioning
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page">
          Custom HTTP instance
        </Text>
      </Breadcrumbs>
      <ConnectorDetails
        connectorId={id}
        tab={isTab(tab) ? tab : 'settings'}
        onTabChange={(next) => navigate(instancePath(id, next), { replace: true })}
        onDeleted={() => navigate('/provisioning', { replace: true })}
        onBack={() => navigate('/provisioning')}
      />
    </Stack>
  );
}
