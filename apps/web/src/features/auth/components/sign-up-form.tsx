import { PASSWORD_MIN_LENGTH, signupRequestSchema } from '@gatehouse/contracts';
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiRequestError } from '../../../lib/api-client';
import { fieldErrorsFrom } from '../../../lib/form-errors';
import { useSignUp } from '../api/sign-in';

/** The form's labels, which its messages use. */
const LABELS = { companyName: 'Company name', name: 'Your name', email: 'Work email', password: 'Password' };

export function SignUpForm() {
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = signupRequestSchema.safeParse({
      companyName: form.get('companyName'),
      name: form.get('name'),
      email: form.get('email'),
      password: form.get('password'),
    });
    if (!parsed.success) return setErrors(fieldErrorsFrom(parsed.error, LABELS));
    setErrors({});
    signUp.mutate(parsed.data, {
      onSuccess: () => navigate('/integrations', { replace: true }),
      onError: (err) => err instanceof ApiRequestError && setErrors(err.fieldErrors(LABELS)),
    });
  };

  const serverError = signUp.error instanceof ApiRequestError ? signUp.error.message : signUp.error ? 'Could not reach the server. Check your connection and try again.' : null;

  return (
    <Paper withBorder shadow="sm" p="xl" radius="md" w={420} component="form" onSubmit={onSubmit} noValidate aria-labelledby="sign-up-title">
      <Stack>
        <Title order={2} id="sign-up-title">
          Create your Gatehouse account
        </Title>
        {serverError && (
          <Alert color="red" role="alert">
            {serverError}
          </Alert>
        )}
        <TextInput name="companyName" label="Company name" autoComplete="organization" required error={errors.companyName} />
        <TextInput name="name" label="Your name" autoComplete="name" required error={errors.name} />
        <TextInput name="email" label="Work email" type="email" autoComplete="email" required error={errors.email} />
        <PasswordInput
          name="password"
          label="Password"
          description={`At least ${PASSWORD_MIN_LENGTH} characters`}
          autoComplete="new-password"
          required
          error={errors.password}
        />
        <Button type="submit" loading={signUp.isPending}>
          Create account
        </Button>
        <Text size="sm">
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
