// The process entry point (`node apps/api/dist/main.js` in the image, `pnpm start`): it sets up
// the heap before anything else is loaded, then starts the app (serve.ts), so the settings apply
// however the process is started. Hence it imports nothing else statically.
import { holdYoungGeneration } from './young-generation.js';

// Loading the module graph would otherwise grow the young generation to its maximum for good;
// serve.ts lets it grow to a cap once the app is up (see young-generation.ts).
holdYoungGeneration();

await import('./serve.js');
