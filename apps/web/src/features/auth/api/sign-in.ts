import type { LoginRequest, MeResponse, SignupRequest } from '@gatehouse/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './auth-keys';

export const signIn = (body: LoginRequest) => api<MeResponse>('/api/auth/login', { body });
export const signUp = (body: SignupRequest) => api<MeResponse>('/api/auth/signup', { body });
export const signOut = () => api<void>('/api/auth/logout', { method: 'POST' });

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: signIn, onSuccess: (me) => qc.setQueryData(authKeys.me(), me) });
}

export function useSignUp() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: signUp, onSuccess: (me) => qc.setQueryData(authKeys.me(), me) });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(authKeys.me(), null);
    },
  });
}
