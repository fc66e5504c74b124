import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The agent console: a React single-page app served by the API server under /console/ (web/dist/console).
 * The widget is a separate, framework-free bundle: see vite.widget.config.ts. `npm run build -w web` builds both.
 */
export default defineConfig({
  root: 'src/console',
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev -w web` while `npm start` runs the API on :3000.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true }, '/widget.js': 'http://127.0.0.1:3000' },
  },
});
