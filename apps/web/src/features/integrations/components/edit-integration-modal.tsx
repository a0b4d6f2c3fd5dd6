import { updateIntegrationRequestSchema, type IntegrationDetail } from '@gatehouse/contracts';
import { Alert, Button, Group, Modal, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { useLeaveGuard } from '../../../lib/leave-guard';
import { useRemoveIntegrationLogo } from '../api/remove-integration-logo';
import { useUpdateIntegration } from '../api/update-integration';
import { useUploadIntegrationLogo } from '../api/upload-integration-logo';
import { logoFileProblem } from '../utils/file-checks';
import { LogoDropzone } from './logo-dropzone';

/** The form's labels, which its messages use. */
const LABELS = { name: 'Integration Name', description: 'Integration Description' };

/** What Save does to the logo. */
type LogoChange = { kind: 'keep' } | { kind: 'replace'; file: File } | { kind: 'remove' };

/** Rename an integration, change its description, logo or strict setting; calls onSaved once the API accepted it. */
export function EditIntegrationModal({ integration, opened, onClose, onSaved }: { integration: IntegrationDetail; opened: boolean; onClose: () => void; onSaved: () => void }) {
  const update = useUpdateIntegration();
  const uploadLogo = useUploadIntegrationLogo();
  const removeLogo = useRemoveIntegrationLogo();
  const [logo, setLogo] = useState<LogoChange>({ kind: 'keep' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [name, setName] = useState(integration.name);
  const [description, setDescription] = useState(integration.description ?? '');
  const [strict, setStrict] = useState(integration.strict);
  const changed = [name !== integration.name && 'name', description !== (integration.description ?? '') && 'description', strict !== integration.strict && 'strict setting', logo.kind !== 'keep' && 'logo'].filter(
    (field): field is string => typeof field === 'string',
  );
  const guard = useLeaveGuard({ when: opened && changed.length > 0, message: `Your changes to ${integration.name} (${changed.join(', ')}) will be lost.` });

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = updateIntegrationRequestSchema.safeParse({ name, description, strict });
    const logoProblem = logo.kind === 'replace' ? logoFileProblem(logo.file) : null;
    if (!parsed.success || logoProblem) return setErrors({ ...(parsed.success ? {} : fieldErrorsFrom(parsed.error, LABELS)), ...(logoProblem ? { logo: logoProblem } : {}) });
    setErrors({});
    try {
      await update.mutateAsync({ id: integration.id, ...parsed.data });
    } catch (err) {
      if (err instanceof ApiRequestError) setErrors(err.fieldErrors(LABELS));
      return;
    }
    // The logo has its own route; the server judges the image by its content.
    try {
      if (logo.kind === 'replace') await uploadLogo.mutateAsync({ id: integration.id, file: logo.file });
      if (logo.kind === 'remove') await removeLogo.mutateAsync(integration.id);
    } catch (err) {
      setErrors({ logo: err instanceof ApiRequestError ? err.message : 'The logo could not be sent. Check your connection and try again.' });
      return;
    }
    guard.allowNextNavigation();
    onSaved();
  };
  const serverError = update.error && !Object.keys(errors).length ? (update.error instanceof ApiRequestError ? update.error.message : 'Could not reach the server. Try again.') : null;

  return (
    <Modal opened={opened} onClose={onClose} title="Edit integration" size="lg">
      {guard.dialog}
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack>
          {serverError && (
            <Alert color="red" role="alert">
              {serverError}
            </Alert>
          )}
          <TextInput name="name" label="Integration Name" value={name} onChange={(e) => setName(e.currentTarget.value)} required error={errors.name} data-autofocus />
          <Textarea
            name="description"
            label="Integration Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={3}
            error={errors.description}
          />
          <LogoDropzone
            value={logo.kind === 'replace' ? logo.file : null}
            onChange={(file) => setLogo(file ? { kind: 'replace', file } : { kind: 'keep' })}
            current={logo.kind === 'keep' ? integration.logoUrl : null}
            onRemoveCurrent={() => setLogo({ kind: 'remove' })}
            hint="It is uploaded when you click Save."
            error={errors.logo ?? errors.file}
          />
          {logo.kind === 'remove' && (
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                The logo is removed when you save; the integration shows its initials instead.
              </Text>
              <Button variant="subtle" size="compact-sm" onClick={() => setLogo({ kind: 'keep' })}>
                Keep the logo
              </Button>
            </Group>
          )}
          <Switch
            name="strict"
            label="Strict"
            description="Refuse records with properties the schema does not define. When off, they are accepted and reported as warnings."
            checked={strict}
            onChange={(e) => setStrict(e.currentTarget.checked)}
            error={errors.strict}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending || uploadLogo.isPending || removeLogo.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
