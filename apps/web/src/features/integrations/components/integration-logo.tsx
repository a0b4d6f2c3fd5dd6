import { Avatar, type MantineSize } from '@mantine/core';

/** The uploaded logo, or coloured initials generated from the name when there is none. */
export function IntegrationLogo({ name, logoUrl, size = 'lg' }: { name: string; logoUrl: string | null; size?: MantineSize | number }) {
  return <Avatar src={logoUrl} name={name} color="initials" size={size} radius="md" alt={`${name} logo`} />;
}
