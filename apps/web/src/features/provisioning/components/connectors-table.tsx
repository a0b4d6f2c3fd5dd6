import type { ConnectorResponse } from '@gatehouse/contracts';
import { Anchor, Badge, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { connectorStatus, connectorTypeLabel, formatLastCall } from '../utils/connector-display';

/** The company's provisioning instances with their status and latest outcome. */
export function ConnectorsTable({ connectors, hrefOf }: { connectors: ConnectorResponse[]; hrefOf: (c: ConnectorResponse) => string }) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Provisioning instances">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Last call</Table.Th>
              <Table.Th>Last error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {connectors.map((c) => {
              const status = connectorStatus(c);
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={hrefOf(c)} fw={500} size="sm">
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{connectorTypeLabel(c.type)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={status.color} variant="light">
                      {status.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={c.lastCallAt ? undefined : 'dimmed'}>
                      {formatLastCall(c.lastCallAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm" c={c.lastError ? 'red.7' : 'dimmed'} lineClamp={2} title={c.lastError ?? undefined}>
                      {c.lastError ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
