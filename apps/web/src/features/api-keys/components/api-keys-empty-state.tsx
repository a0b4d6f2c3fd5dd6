import { Button, Code, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconKey, IconPlus } from '@tabler/icons-react';

export function ApiKeysEmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="sm" maw={520} mx="auto" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light">
          <IconKey size={26} aria-hidden />
        </ThemeIcon>
        <Title order={4}>No API keys yet</Title>
        <Text size="sm" c="dimmed">
          API keys let your in-house systems authenticate to Gatehouse's evidence ingest endpoints. Each request sends its key in the{' '}
          <Code>x-api-key</Code> header.
        </Text>
        <Text size="sm" c="dimmed">
          A key is shown only once, when you create it. Give each system its own key, so you can revoke one without stopping the others.
        </Text>
        <Button mt="xs" leftSection={<IconPlus size={16} aria-hidden />} onClick={onCreate}>
          Create new API Key
        </Button>
      </Stack>
    </Paper>
  );
}
