import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';

/** A page that does not exist: says so, instead of showing another page or nothing. */
export function NotFoundPage({ message, backTo = '/integrations', backLabel = 'Go to Integrations' }: { message?: string; backTo?: string; backLabel?: string }) {
  const { pathname } = useLocation();
  return (
    <Stack gap="xs" align="flex-start">
      <Title order={2}>Page not found</Title>
      <Text c="dimmed">{message ?? `There is no page at ${pathname}.`}</Text>
      <Anchor component={Link} to={backTo}>
        {backLabel}
      </Anchor>
    </Stack>
  );
}
