import { Stack, Text, Title } from '@mantine/core';

export function ProvisioningPage() {
  return (
    <Stack>
      <Title order={2}>Provisioning</Title>
      <Text c="dimmed">Let your identity provider manage users and groups in apps without SCIM.</Text>
    </Stack>
  );
}
