import { AppError } from '../../common/errors/app-error.js';

export const AuthErrors = {
  notSignedIn: () => new AppError('UNAUTHENTICATED', 'You are not signed in, or your session has expired. Sign in again.'),
  invalidCredentials: () => new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect.'),
  tooManyAttempts: (retryAfter: number) =>
    new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${retryAfter} seconds.`, [], { 'Retry-After': String(retryAfter) }),
  tooManySignups: (retryAfter: number) =>
    new AppError('RATE_LIMITED', `Too many sign-ups from this address or for this email. Try again in ${retryAfter} seconds.`, [], { 'Retry-After': String(retryAfter) }),
  emailTaken: () =>
    new AppError('CONFLICT', 'An account with this email already exists. Sign in instead, or use another email.', [{ path: 'email', message: 'already registered' }]),
  signupDisabled: () => new AppError('SIGNUP_DISABLED', 'Sign-up is turned off on this server. Ask an administrator of your company for an account.'),
  csrf: () =>
    new AppError('CSRF_FAILED', 'This request is missing its CSRF token. Send the value of the gh_csrf cookie (__Host-gh_csrf over https) in the x-csrf-token header (the web app does this for you).'),
};
