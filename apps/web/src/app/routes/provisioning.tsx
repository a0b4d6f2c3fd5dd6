import { Anchor, Breadcrumbs, Stack, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useConnector } from '../../features/provisioning/api/get-connector';
import { ConnectorDetails } from '../../features/provisioning/components/connector-details';
import { ProvisioningOverview } from '../../features/provisioning/components/provisioning-overview';
import { connectorTypeLabel } from '../../features/provisioning/utils/connector-display';
import { CONNECTOR_TABS, type ConnectorTab } from '../../features/provisioning/utils/problem-location';
import { NotFoundPage } from './not-found';

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
  // The same cached query the instance page loads.
  const connector = useConnector(id);
  if (tab !== undefined && !isTab(tab)) {
    return <NotFoundPage message={`A provisioning instance has no “${tab}” tab.`} backTo={`/provisioning/${id}`} backLabel="Go to the instance" />;
  }
  return (
    <Stack>
      <Breadcrumbs aria-label="Breadcrumb">
        <Anchor component={Link} to="/provisioning" size="sm">
          Provisioning
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page">
          {connector.data ? `${connectorTypeLabel(connector.data.type)} instance` : 'Instance'}
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
