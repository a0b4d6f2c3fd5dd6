import type { IdpProfile } from '@gatehouse/contracts';
import type { AuthType } from '@gatehouse/mapping';
import { Button, Divider, Fieldset, Group, Radio, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import type { ConnectorEditor } from '../hooks/use-connector-editor';
import { AUTH_FIELDS, AUTH_TYPE_OPTIONS, SECRET_LABELS } from '../utils/auth-settings';
import { IDP_PROFILE_OPTIONS } from '../utils/idp-profile-options';
import { locateProblem, settingsMessages, type Problem } from '../utils/problem-location';
import { DeleteConnectorModal } from './delete-connector-modal';
import { ProblemList } from './problem-list';
import { SecretField } from './secret-field';

type Props = { editor: ConnectorEditor; onJump: (problem: Problem) => void; onDeleted: () => void };

/** Settings: name, switches, the IdP profile, the SCIM base URL of a proxy, authentication and the write-only secret. */
export function SettingsTab({ editor, onJump, onDeleted }: Props) {
  const { draft, change, connector } = editor;
  const proxy = connector.type === 'scim_proxy';
  const [deleteOpened, deleteDialog] = useDisclosure(false);
  const messages = settingsMessages(editor.problems);
  const type = draft.auth.type;
  const setAuth = (patch: Partial<typeof draft.auth>) => change((d) => ({ auth: { ...d.auth, ...patch } }));
  // Problems of other tabs from a refused save are listed here too: the save was started from here.
  const elsewhere = editor.serverProblems.filter((p) => locateProblem(p.path).tab !== 'settings');

  return (
    <Stack gap="lg" maw={760}>
      <TextInput label="Name" withAsterisk value={draft.name} onChange={(e) => change({ name: e.currentTarget.value })} error={messages.name} maxLength={100} />
      {proxy && (
        <TextInput
          label="SCIM base URL"
          withAsterisk
          description="The app's own SCIM 2.0 endpoint. Your identity provider's requests (…/Users, …/Groups) are forwarded here as they are, with the authentication below."
          placeholder="https://app.example.com/scim/v2"
          value={draft.scimBaseUrl}
          onChange={(e) => change({ scimBaseUrl: e.currentTarget.value })}
          error={messages.scimBaseUrl}
        />
      )}

      <Stack gap="sm">
        <Switch
          label="Enabled"
          description={
            proxy
              ? "Your identity provider's SCIM requests are forwarded only while the instance is enabled. Saving it enabled checks the authentication; a disabled instance can be saved unfinished."
              : "Your identity provider's SCIM requests are served only while the instance is enabled. Saving it enabled checks the authentication, capabilities and mappings; a disabled instance can be saved unfinished."
          }
          checked={draft.enabled}
          onChange={(e) => change({ enabled: e.currentTarget.checked })}
          error={messages.enabled}
        />
        {!proxy && (
          <Switch
            label="Treat deactivation as delete"
            description="When your identity provider deactivates a user (active: false), delete the user in the connected app instead of updating it."
            checked={draft.deactivationAsDelete}
            onChange={(e) => change({ deactivationAsDelete: e.currentTarget.checked })}
            error={messages.deactivationAsDelete}
          />
        )}
        <Switch
          label="Allow insecure HTTP"
          description="Lets URLs use http:// (for a local test service). Ignored in production, where only https:// is called."
          checked={draft.allowInsecureHttp}
          onChange={(e) => change({ allowInsecureHttp: e.currentTarget.checked })}
        />
      </Stack>

      {!proxy && (
        <Radio.Group
          label="IdP profile"
          description="How SCIM PATCH requests from your identity provider are answered. Both answers are allowed by the SCIM standard; some identity providers accept only one."
          value={draft.idpProfile}
          onChange={(v) => change({ idpProfile: v as IdpProfile })}
          error={messages.idpProfile}
        >
          <Stack gap="xs" mt="xs">
            {IDP_PROFILE_OPTIONS.map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} description={option.description} />
            ))}
          </Stack>
        </Radio.Group>
      )}

      <Fieldset legend="Authentication" radius="md">
        <Stack>
          <Select
            label="Auth type"
            placeholder="Choose how to authenticate"
            data={AUTH_TYPE_OPTIONS}
            value={type || null}
            onChange={(v) => setAuth({ type: (v ?? '') as AuthType | '' })}
            error={messages['auth.type'] ?? messages.auth}
            allowDeselect={false}
            w={320}
          />
          {type !== '' && AUTH_FIELDS[type].length > 0 && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {AUTH_FIELDS[type].map((spec) => (
                <TextInput
                  key={spec.field}
                  label={spec.label}
                  withAsterisk={spec.required}
                  placeholder={spec.placeholder}
                  description={spec.description}
                  value={draft.auth[spec.field]}
                  onChange={(e) => setAuth({ [spec.field]: e.currentTarget.value })}
                  error={messages[`auth.${spec.field}`]}
                />
              ))}
            </SimpleGrid>
          )}
          <SecretField connectorId={connector.id} hasSecret={connector.hasSecret} label={type === '' ? 'Secret' : SECRET_LABELS[type]} error={messages.api_token} />
        </Stack>
      </Fieldset>

      {elsewhere.length > 0 && <ProblemList problems={elsewhere} source="server" enabled={draft.enabled} onSelect={onJump} subject="capabilities and mappings" />}

      <Divider />
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={5}>Delete this instance</Title>
          <Text size="sm" c="dimmed">
            Removes its settings, secret, SCIM token and call log. Your identity provider's requests to it will fail.
          </Text>
        </div>
        <Button color="red" variant="light" leftSection={<IconTrash size={16} aria-hidden />} onClick={deleteDialog.open} style={{ flexShrink: 0 }}>
          Delete instance
        </Button>
      </Group>
      <DeleteConnectorModal connector={connector} opened={deleteOpened} onClose={deleteDialog.close} onDeleted={onDeleted} />
    </Stack>
  );
}
