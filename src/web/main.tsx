import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import { initialLanguageReady, loadPageStrings } from './text/i18n.ts';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { createQueryClient } from './api/query-client.ts';
import { createRouter } from './app/routes.tsx';
import { installSessionHandling } from './app/session.ts';
import { theme } from './app/theme.ts';
import { prefetchPresensi } from './pages/PresensiPage/prefetch.ts';
import { registerServiceWorker } from './sw/register.ts';
import { afterFirstScreen } from './lib/after-first-screen.ts';
import { backgroundLazy } from './components/BackgroundChunk.tsx';

// The toast container is not needed for the first paint: it arrives in its own chunk. Toasts shown before it has
// mounted wait in the notifications store and appear when it does.
const Notifications = backgroundLazy(() => import('./app/Toasts.tsx'));

const queryClient = createQueryClient();
const router = createRouter();
installSessionHandling(queryClient, (to, options) => router.navigate(to, options));
// The employee's first screen: its chunk, the session check and today's data are fetched at once (prefetch.ts).
if (window.location.pathname === '/presensi') prefetchPresensi(queryClient);

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
const root = container;

// English is loaded only when it was chosen on this device; wait for it so the first screen is in that language.
void initialLanguageReady().then(() => {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="top-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
});

registerServiceWorker();

// The other pages' strings once the first screen is up (pages wait for them anyway; this makes the next one quick).
afterFirstScreen(() => void loadPageStrings());
