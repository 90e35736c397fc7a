import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev`: Vite with hot reload on :5173, the APIs (staff and portal) proxied to the server (npm start) on :8080.
const server = `http://localhost:${process.env.CASELINE_PORT ?? 8080}`;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: { '/api': server, '/portal/api': server },
  },
});
