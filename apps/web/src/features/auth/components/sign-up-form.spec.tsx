import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { SignUpForm } from './sign-up-form';

describe('SignUpForm', () => {
  it('shows each problem under its field and sends nothing', () => {
    const fetchSpy = jest.fn();
    globalThis.fetch = fetchSpy as unknown as typeof fetch;
    renderWithProviders(<SignUpForm />);
    fireEvent.change(screen.getByLabelText(/^Work email/), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Work email must be a valid email address, e.g. ada@example.com')).toBeTruthy();
    expect(screen.getByText('Password must be at least 12 characters')).toBeTruthy();
    expect(screen.getByText('Company name is required')).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a common password with the same words the API uses, before sending anything', () => {
    const fetchSpy = jest.fn();
    globalThis.fetch = fetchSpy as unknown as typeof fetch;
    renderWithProviders(<SignUpForm />);
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'password1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText(/Password is one of the most used passwords/)).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
