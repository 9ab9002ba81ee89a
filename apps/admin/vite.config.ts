import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite dev` / `vite preview` forward /api to a running `aether serve` (AETHER_API_URL, default :8787);
// in production the API itself serves dist/ with an SPA fallback.
const apiTarget = process.env.AETHER_API_URL ?? 'http://127.0.0.1:8787';
const proxy = { '/api': { target: apiTarget, changeOrigin: true } };

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
