import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const lib = (name: string) => fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));
const require = createRequire(import.meta.url);
const api = process.env.GATEHOUSE_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each script and style sheet of the build, at
 * the highest settings: the server sends them as they are (apps/api/src/web-files.ts), so the
 * slow compression is paid once here and never per request. Files under 1 kB go out plain.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'gatehouse-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg)$/.test(fileName)) continue;
        const path = join(outDir, fileName);
        const body = readFileSync(path);
        if (body.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
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
  // No source maps: the server would refuse them anyway (apps/api/src/web-files.ts), and they
  // would publish the source. Every page's code is split by route (src/app/router.tsx).
  build: { outDir: 'dist', sourcemap: false },
});
