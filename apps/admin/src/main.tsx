import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/queries.ts';
import { applyThemeChoice, readThemeChoice } from './lib/theme.ts';
import { createAdminRouter } from './router.tsx';
import './styles.css';

applyThemeChoice(readThemeChoice());

const queryClient = createQueryClient();
const router = createAdminRouter();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
