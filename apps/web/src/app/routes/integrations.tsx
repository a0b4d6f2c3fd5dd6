import { Stack, Text, Title } from '@mantine/core';

export function IntegrationsPage() {
  return (
    <Stack>
      <Title order={2}>Integrations</Title>
      <Text c="dimmed">Connect in-house systems that push evidence to Gatehouse.</Text>
    </Stack>
  );
}
