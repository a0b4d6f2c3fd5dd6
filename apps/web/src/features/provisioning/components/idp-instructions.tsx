import { Code, List, Paper, SimpleGrid, Stack, Title } from '@mantine/core';

/** Where the base URL and token go in the two identity providers most customers use. */
export function IdpInstructions() {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={5}>Microsoft Entra ID</Title>
          <List type="ordered" size="sm" spacing={4}>
            <List.Item>In Enterprise applications, create (or open) a non-gallery application and open Provisioning.</List.Item>
            <List.Item>Set Provisioning Mode to Automatic.</List.Item>
            <List.Item>
              Under Admin Credentials, set <strong>Tenant URL</strong> to the SCIM base URL and <strong>Secret Token</strong> to the token.
            </List.Item>
            <List.Item>
              Click <strong>Test Connection</strong>, then Save, assign users and groups, and start provisioning.
            </List.Item>
          </List>
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={5}>Okta</Title>
          <List type="ordered" size="sm" spacing={4}>
            <List.Item>In the app integration, enable SCIM provisioning and open Provisioning › Integration.</List.Item>
            <List.Item>
              Set <strong>SCIM connector base URL</strong> to the SCIM base URL and <strong>Unique identifier field for users</strong> to{' '}
              <Code>userName</Code>.
            </List.Item>
            <List.Item>Choose the provisioning actions to support (push new users, profile updates, groups).</List.Item>
            <List.Item>
              Set <strong>Authentication Mode</strong> to HTTP Header and paste the token as the <strong>Bearer</strong> token.
            </List.Item>
            <List.Item>Test the connector configuration, save, then enable the actions under To App.</List.Item>
          </List>
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
