import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: fromHere('./client'),
  plugins: [react()],
  build: {
    outDir: fromHere('./dist/client'),
    emptyOutDir: true,
    sourcemap: true,
    // react-admin + MUI make one large vendor bundle; the console is an intranet app loaded once per shift.
    chunkSizeWarningLimit: 3000,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
