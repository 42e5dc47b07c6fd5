/**
 * Renderer placeholder: shows the product name. Bundled by scripts/build.mjs to
 * dist/renderer/main.js and served with index.html from app://resetdesk/.
 */

declare global {
  interface Window {
    /** Exposed by preload/index.ts through contextBridge (absent in a plain browser). */
    readonly resetdesk?: { readonly version: number };
  }
}

function render(root: HTMLElement): void {
  const heading = document.createElement('h1');
  heading.textContent = 'Resetdesk';
  root.replaceChildren(heading);
}

const root = document.getElementById('root');
if (root !== null) render(root);

export {};
