import type { ValidationResultResponse } from '@gatehouse/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Checks a file on the server against one context's schema. Nothing is stored. */
export function validateContextFile({ validateUrl, file, signal }: { validateUrl: string; file: File; signal?: AbortSignal }) {
  const form = new FormData();
  form.append('file', file);
  return api<ValidationResultResponse>(validateUrl, { method: 'POST', raw: form, signal });
}

export const useValidateContextFile = () => useMutation({ mutationFn: validateContextFile });
