/**
 * Renderer entry: mounts the app inside Fluent UI's provider with a theme that
 * follows the OS (light/dark), and gives Fluent's style engine (Griffel) the
 * per-load CSP nonce the server put in index.html, so its <style> elements are
 * allowed without 'unsafe-inline'.
 */
import { createDOMRenderer, FluentProvider, RendererProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const nonce = document.querySelector<HTMLMetaElement>('meta[name="resetdesk-style-nonce"]')?.content ?? '';
const renderer = createDOMRenderer(document, { styleElementAttributes: nonce ? { nonce } : {} });

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
const subscribeToScheme = (onChange: () => void) => {
  darkQuery.addEventListener('change', onChange);
  return () => darkQuery.removeEventListener('change', onChange);
};

function ThemedApp() {
  const dark = useSyncExternalStore(subscribeToScheme, () => darkQuery.matches);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ height: '100%' }}>
      <App />
    </FluentProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <RendererProvider renderer={renderer} targetDocument={document}>
        <ThemedApp />
      </RendererProvider>
    </StrictMode>,
  );
}
