import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const lib = (name: string) => fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));
const require = createRequire(import.meta.url);
const api = process.env.GATEHOUSE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The web app compiles the shared libs from source, like the API's tests do.
    alias: {
      '@gatehouse/contracts': lib('contracts'),
      '@gatehouse/schemas': lib('schemas'),
      '@gatehouse/mapping': lib('mapping'),
      '@gatehouse/scim': lib('scim'),
      // xml2js (the mapping engine's XML reader) needs Node's EventEmitter and setImmediate.
      events: require.resolve('events/'),
      timers: require.resolve('timers-browserify'),
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/external': api, '/scim': api },
  },
  // index.html gets a csp-nonce meta tag (and nonces on its own tags) holding this placeholder,
  // which the API replaces with a fresh nonce in every answer (apps/api/src/app.ts).
  html: { cspNonce: '__CSP_NONCE__' },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2000 },
});
