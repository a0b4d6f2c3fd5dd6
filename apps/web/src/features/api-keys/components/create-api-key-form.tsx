import { createApiKeyRequestSchema, type CreatedApiKeyResponse } from '@gatehouse/contracts';
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import { IconCalendar } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { labelMessage } from '../../../lib/form-errors';
import { useCreateApiKey } from '../api/create-api-key';
import { customDayRange, DEFAULT_EXPIRY_CHOICE, EXPIRY_CHOICES, expiryFromChoice, expiryProblem, isExpiryChoice, type ExpiryChoice } from '../utils/expiry';
import { formatDateTime } from '../utils/format';

/** The form's labels, which its messages use. */
const LABELS = { name: 'Key Name', expiresAt: 'The expiry date' };

const CALENDAR_LABELS = {
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  previousYear: 'Previous year',
  nextYear: 'Next year',
  previousDecade: 'Previous decade',
  nextDecade: 'Next decade',
  monthLevelControl: 'Choose a month',
  yearLevelControl: 'Choose a year',
};

type Errors = { name?: string; expiresAt?: string };

/** Step one of the create dialog: a name and an expiry, checked with the API's own rules. */
export function CreateApiKeyForm({ onCreated, onCancel }: { onCreated: (key: CreatedApiKeyResponse) => void; onCancel: () => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [choice, setChoice] = useState<ExpiryChoice>(DEFAULT_EXPIRY_CHOICE);
  const [customDay, setCustomDay] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  // Fixed while the dialog is open, so the offered days do not shift under the admin.
  const dayRange = useMemo(() => customDayRange(new Date()), []);
  const presetExpiry = choice === 'custom' ? null : expiryFromChoice(choice, null, new Date());

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const now = new Date();
    const expiresAt = expiryFromChoice(choice, customDay, now);
    const parsedName = createApiKeyRequestSchema.shape.name.safeParse(name);
    const next: Errors = {
      name: parsedName.success ? undefined : labelMessage('name', parsedName.error.issues[0]?.message ?? '', LABELS),
      expiresAt: expiryProblem(choice, customDay, now) ?? undefined,
    };
    setErrors(next);
    setServerError(null);
    if (!parsedName.success || !expiresAt || next.expiresAt) return;
    create.mutate(
      { name: parsedName.data, expiresAt: expiresAt.toISOString() },
      {
        onSuccess: onCreated,
        onError: (err) => {
          const fields = err instanceof ApiRequestError ? err.fieldErrors(LABELS) : {};
          if (fields.name || fields.expiresAt) return setErrors({ name: fields.name, expiresAt: fields.expiresAt });
          setServerError(err instanceof ApiRequestError ? err.message : 'Could not reach the server. Check your connection and try again.');
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create new API Key">
      <Stack>
        {serverError && (
          <Alert color="red" role="alert" title="The key was not created">
            {serverError}
          </Alert>
        )}
        <TextInput
          label="Key Name"
          placeholder="e.g. Production Integration"
          description="Say where the key is used, so you can tell keys apart later."
          required
          data-autofocus
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setErrors((prev) => ({ ...prev, name: undefined }));
          }}
          error={errors.name}
        />
        <Select
          label="Expires On"
          required
          data={EXPIRY_CHOICES}
          value={choice}
          onChange={(v) => {
            if (isExpiryChoice(v)) setChoice(v);
            setErrors((prev) => ({ ...prev, expiresAt: undefined }));
          }}
          allowDeselect={false}
          description={presetExpiry ? `The key stops working on ${formatDateTime(presetExpiry)}.` : undefined}
          error={choice === 'custom' ? undefined : errors.expiresAt}
        />
        {choice === 'custom' && (
          <DatePickerInput
            label="Expiry date"
            placeholder="Pick a date"
            description="The key works until the end of this day, at most two years from today."
            required
            leftSection={<IconCalendar size={16} aria-hidden />}
            value={customDay}
            onChange={(v) => {
              setCustomDay(v);
              setErrors((prev) => ({ ...prev, expiresAt: undefined }));
            }}
            minDate={dayRange.minDate}
            maxDate={dayRange.maxDate}
            ariaLabels={CALENDAR_LABELS}
            error={errors.expiresAt}
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create API Key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
