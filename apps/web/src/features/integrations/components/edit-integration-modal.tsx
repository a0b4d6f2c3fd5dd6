import { updateIntegrationRequestSchema, type IntegrationDetail } from '@gatehouse/contracts';
import { Alert, Button, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { useLeaveGuard } from '../../../lib/leave-guard';
import { useUpdateIntegration } from '../api/update-integration';

/** Rename an integration, change its description or its strict setting; calls onSaved once the API accepted it. */
export function EditIntegrationModal({ integration, opened, onClose, onSaved }: { integration: IntegrationDetail; opened: boolean; onClose: () => void; onSaved: () => void }) {
  const update = useUpdateIntegration();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [name, setName] = useState(integration.name);
  const [description, setDescription] = useState(integration.description ?? '');
  const [strict, setStrict] = useState(integration.strict);
  const changed = [name !== integration.name && 'name', description !== (integration.description ?? '') && 'description', strict !== integration.strict && 'strict setting'].filter(
    (field): field is string => typeof field === 'string',
  );
  const guard = useLeaveGuard({ when: opened && changed.length > 0, message: `Your changes to ${integration.name} (${changed.join(', ')}) will be lost.` });

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = updateIntegrationRequestSchema.safeParse({ name, description, strict });
    if (!parsed.success) return setErrors(fieldErrorsFrom(parsed.error));
    setErrors({});
    update.mutate(
      { id: integration.id, ...parsed.data },
      {
        onSuccess: () => {
          guard.allowNextNavigation();
          onSaved();
        },
        onError: (err) => err instanceof ApiRequestError && setErrors(err.fieldErrors()),
      },
    );
  };
  const serverError = update.error && !Object.keys(errors).length ? (update.error instanceof ApiRequestError ? update.error.message : 'Could not reach the server. Try again.') : null;

  return (
    <Modal opened={opened} onClose={onClose} title="Edit integration" size="lg">
      {guard.dialog}
      <form onSubmit={onSubmit} noValidate>
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
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
