import { AppShell, Burger, Button, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlugConnected, IconSettings, IconUsersGroup } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../features/auth/api/get-me';
import { useSignOut } from '../features/auth/api/sign-in';
import './skip-link.css';

export function AppShellLayout() {
  const [opened, { toggle }] = useDisclosure();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'lg' }}>
      <a href="#main-content" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={3}>Gatehouse</Title>
          </Group>
          <Group>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {me?.user.name} · {me?.company.name}
            </Text>
            <Button variant="subtle" size="compact-sm" loading={signOut.isPending} onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in', { replace: true }) })}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <NavLink component={Link} to="/integrations" label="Integrations" leftSection={<IconPlugConnected size={18} />} active={pathname.startsWith('/integrations')} />
        <NavLink component={Link} to="/provisioning" label="Provisioning" leftSection={<IconUsersGroup size={18} />} active={pathname.startsWith('/provisioning')} />
        <Group gap={6} px="sm" mt="md" mb={4} c="dimmed" id="nav-settings">
          <IconSettings size={16} aria-hidden />
          <Text size="xs" fw={700} tt="uppercase">
            Settings
          </Text>
        </Group>
        <div role="group" aria-labelledby="nav-settings">
          <NavLink component={Link} to="/settings/company" label="Company Settings" pl="xl" active={pathname.startsWith('/settings/company')} />
        </div>
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        {/* Pages load on first use (router.tsx); the shell stays while one arrives. */}
        <Suspense
          fallback={
            <Center mih={200}>
              <Loader aria-label="Loading page" />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
