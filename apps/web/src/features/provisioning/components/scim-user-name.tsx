import { Stack, Text } from '@mantine/core';

/** A provisioned user in a table cell: the userName, with the display name beneath when there is one. */
export function ScimUserName({ user }: { user: { userName: string; displayName: string | null } }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {user.userName}
      </Text>
      {user.displayName && (
        <Text size="xs" c="dimmed">
          {user.displayName}
        </Text>
      )}
    </Stack>
  );
}
