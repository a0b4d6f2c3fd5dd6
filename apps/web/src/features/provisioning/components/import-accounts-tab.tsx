import type { AppAccount, AppGroup, ConnectorResponse, MatchedGroup, MatchedUser, ReconcileGroups, ReconcileScimGroup, ReconcileUsers } from '@gatehouse/contracts';
import { Alert, Badge, Button, Center, Code, Group, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconLink, IconRefresh } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useLinkAccount } from '../api/link-account';
import { useReconcileAccounts } from '../api/reconcile-accounts';
import { formatDateTime } from '../utils/connector-display';
import { accountLabel, appGroupLabel, linkButtonLabel, linkState, pairReasonLabel } from '../utils/import-accounts';
import { ScimUserName } from './scim-user-name';

type Link = (target: { scimUserId?: string; scimGroupId?: string; downstreamId: string; name: string }) => void;

/**
 * Import accounts: the app's users and groups (one list_users / list_groups answer each) set
 * against what the identity provider provisioned through this instance, for an access review;
 * a matched pair that is not linked yet can be linked so later SCIM changes reach that account.
 */
export function ImportAccountsTab({ connector }: { connector: Pick<ConnectorResponse, 'id'> }) {
  const [started, setStarted] = useState(false);
  const review = useReconcileAccounts(connector.id, started);
  const linking = useLinkAccount();
  const [busy, setBusy] = useState<string | null>(null);

  const link: Link = ({ name, ...target }) => {
    setBusy(target.downstreamId);
    linking.mutate(
      { id: connector.id, ...target },
      {
        onSuccess: (done) =>
          notifications.show({ color: 'green', title: 'Linked', message: `${name} is linked to app account ${done.downstreamId}: its SCIM changes now go there.` }),
        onError: (err) =>
          notifications.show({ color: 'red', title: 'Not linked', message: err instanceof ApiRequestError ? err.message : 'Could not reach the server. Try again.' }),
        onSettled: () => setBusy(null),
      },
    );
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={4}>Import accounts</Title>
          <Text size="sm" c="dimmed" maw={760}>
            Reads the app's users and groups with list_users and list_groups and sets them against what your identity provider provisioned
            through this instance: who is in both, only in the app, or only in the identity provider. Nothing changes in the app. Only the
            first answer of each list is read: pages are not followed.
          </Text>
        </div>
        <Button
          leftSection={started ? <IconRefresh size={16} aria-hidden /> : <IconDownload size={16} aria-hidden />}
          onClick={() => (started ? void review.refetch() : setStarted(true))}
          loading={review.isFetching}
        >
          {started ? 'Import again' : 'Import accounts'}
        </Button>
      </Group>
      {!started ? null : review.isPending ? (
        <Center py="xl">
          <Loader aria-label="Importing accounts" />
        </Center>
      ) : review.isError ? (
        <Alert color="red" role="alert" title="Could not import accounts">
          {review.error instanceof ApiRequestError ? review.error.message : 'Could not reach the server.'}
        </Alert>
      ) : (
        <>
          <Alert color="blue" variant="light" title={`About this import (${formatDateTime(review.data.importedAt)})`}>
            <List size="sm" spacing={4}>
              {review.data.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          </Alert>
          {review.data.users && <UsersReview users={review.data.users} onLink={link} busy={busy} />}
          {review.data.groups && <GroupsReview groups={review.data.groups} onLink={link} busy={busy} />}
        </>
      )}
    </Stack>
  );
}

type ReviewProps = { onLink: Link; busy: string | null };

function UsersReview({ users, onLink, busy }: { users: ReconcileUsers } & ReviewProps) {
  return (
    <Stack gap="sm">
      <Title order={4}>Users</Title>
      <Section title="Matched users" heading={`Matched (${users.matched.length})`} empty="No app account matches a provisioned user." headers={['Provisioned user', 'App account', 'Matched by', 'Link']}>
        {users.matched.map((p) => (
          <Table.Tr key={p.scimUser.id}>
            <Table.Td><ScimUserName user={p.scimUser} /></Table.Td>
            <Table.Td>{accountCell(accountLabel(p.account), p.account)}</Table.Td>
            <Table.Td>{pairReasonLabel(p.reason)}</Table.Td>
            <Table.Td>{linkCell(p, p.scimUser.userName, () => onLink({ scimUserId: p.scimUser.id, downstreamId: p.account.id, name: p.scimUser.userName }), busy)}</Table.Td>
          </Table.Tr>
        ))}
      </Section>
      <Section title="Users only in the app" heading={`Only in the app (${users.onlyInApp.length})`} empty="Every app account is matched." headers={['App account', 'Name', 'Email', 'Status']}>
        {users.onlyInApp.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{accountCell(a.userName || a.id, a)}</Table.Td>
            <Table.Td>{a.displayName ?? '—'}</Table.Td>
            <Table.Td>{a.email ?? '—'}</Table.Td>
            <Table.Td>{a.active === undefined ? '—' : <Badge color={a.active ? 'teal' : 'gray'} variant="light">{a.active ? 'Active' : 'Inactive'}</Badge>}</Table.Td>
          </Table.Tr>
        ))}
      </Section>
      <Section title="Users only in the identity provider" heading={`Only in the IdP (${users.onlyInIdp.length})`} empty="Every provisioned user has an app account." headers={['Provisioned user', 'Downstream id']}>
        {users.onlyInIdp.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td><ScimUserName user={u} /></Table.Td>
            <Table.Td>
              <Text size="sm">{linkState(u.downstreamId)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Section>
    </Stack>
  );
}

function GroupsReview({ groups, onLink, busy }: { groups: ReconcileGroups } & ReviewProps) {
  return (
    <Stack gap="sm">
      <Title order={4}>Groups</Title>
      <Section title="Matched groups" heading={`Matched (${groups.matched.length})`} empty="No app group matches a provisioned group." headers={['Provisioned group', 'App group', 'Matched by', 'Link']}>
        {groups.matched.map((p) => (
          <Table.Tr key={p.scimGroup.id}>
            <Table.Td>{scimGroupCell(p.scimGroup)}</Table.Td>
            <Table.Td>{accountCell(appGroupLabel(p.account), p.account)}</Table.Td>
            <Table.Td>{pairReasonLabel(p.reason)}</Table.Td>
            <Table.Td>{linkCell(p, p.scimGroup.displayName, () => onLink({ scimGroupId: p.scimGroup.id, downstreamId: p.account.id, name: p.scimGroup.displayName }), busy)}</Table.Td>
          </Table.Tr>
        ))}
      </Section>
      <Section title="Groups only in the app" heading={`Only in the app (${groups.onlyInApp.length})`} empty="Every app group is matched." headers={['App group', 'Members']}>
        {groups.onlyInApp.map((g) => (
          <Table.Tr key={g.id}>
            <Table.Td>{accountCell(appGroupLabel(g), g)}</Table.Td>
            <Table.Td>{g.member_count ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Section>
      <Section title="Groups only in the identity provider" heading={`Only in the IdP (${groups.onlyInIdp.length})`} empty="Every provisioned group has an app group." headers={['Provisioned group', 'Downstream id']}>
        {groups.onlyInIdp.map((g) => (
          <Table.Tr key={g.id}>
            <Table.Td>{scimGroupCell(g)}</Table.Td>
            <Table.Td>
              <Text size="sm">{linkState(g.downstreamId)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Section>
    </Stack>
  );
}

/** One of the three lists: a heading with its count, then its table (named for screen readers) or a line saying it is empty. */
function Section({ title, heading, empty, headers, children }: { title: string; heading: string; empty: string; headers: string[]; children: ReactNode[] }) {
  return (
    <Stack gap={4}>
      <Title order={5}>{heading}</Title>
      {children.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720} type="native">
            <Table verticalSpacing="xs" horizontalSpacing="sm" fz="sm" aria-label={title} highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  {headers.map((h) => (
                    <Table.Th key={h}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{children}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}


const scimGroupCell = (g: ReconcileScimGroup) => (
  <Text size="sm" fw={500}>
    {g.displayName}
  </Text>
);

function accountCell(label: string, a: AppAccount | AppGroup) {
  return (
    <Stack gap={0}>
      <Text size="sm">{label}</Text>
      <Code style={{ wordBreak: 'break-all', width: 'fit-content' }}>{a.id}</Code>
    </Stack>
  );
}

function linkCell(p: MatchedUser | MatchedGroup, name: string, onLink: () => void, busy: string | null) {
  if (p.linked) {
    return (
      <Badge color="teal" variant="light">
        Linked
      </Badge>
    );
  }
  const current = 'scimUser' in p ? p.scimUser.downstreamId : p.scimGroup.downstreamId;
  return (
    <Stack gap={2} align="flex-start">
      <Button size="xs" variant="light" leftSection={<IconLink size={14} aria-hidden />} aria-label={linkButtonLabel(name, p.account.id)} onClick={onLink} loading={busy === p.account.id}>
        Link
      </Button>
      {current !== null && (
        <Text size="xs" c="dimmed">
          Now linked to {current}
        </Text>
      )}
    </Stack>
  );
}
