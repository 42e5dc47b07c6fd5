/**
 * `npm run preview` on a machine that lacks what it needs says so in one line
 * with what to install (issue 16, item 8), and its window shows the app
 * alone: no bar of Chromium's about --no-sandbox (which it needs as root).
 * The last test opens the real window on a private Xvfb display.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { launchApp } from '../../e2e/launch';
import { CHROMIUM_PATH } from '../../../main/preview/chromium-app';
import { ROOT } from '../../support/cli-process';
import { tempDir } from '../../support/fixtures';

const XVFB = '/usr/bin/Xvfb';

function preview(env: NodeJS.ProcessEnv) {
  const dir = tempDir('resetdesk-preview-');
  try {
    const base: NodeJS.ProcessEnv = { ...process.env, RESETDESK_DEBUG: '' };
    delete base.DISPLAY;
    delete base.WAYLAND_DISPLAY;
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'main', 'preview', 'main.ts'), '--db', join(dir.path, 'directory.sqlite')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...base, ...env },
    });
    return { status: run.status, lines: run.stderr.split('\n').filter(Boolean), stderr: run.stderr };
  } finally {
    dir.cleanup();
  }
}

test('without Chromium: one line naming the apt packages and RESETDESK_CHROMIUM, no stack trace', () => {
  // A display is set, so only Chromium is missing (the launch would be tried without this check).
  const run = preview({ RESETDESK_CHROMIUM: '/nonexistent/chromium', DISPLAY: ':31999' });
  assert.equal(run.status, 1);
  assert.equal(run.lines.length, 1, `one line, got: ${run.stderr}`);
  assert.match(run.lines[0]!, /apt-get install chromium xvfb xauth/);
  assert.match(run.lines[0]!, /RESETDESK_CHROMIUM/);
  assert.doesNotMatch(run.stderr, /^\s+at /m);
});

test('without a display: one line saying xvfb-run -a npm run preview', () => {
  // Chromium's path only needs to exist for this check to come second.
  const run = preview({ RESETDESK_CHROMIUM: process.execPath });
  assert.equal(run.status, 1);
  assert.equal(run.lines.length, 1, `one line, got: ${run.stderr}`);
  assert.match(run.lines[0]!, /`xvfb-run -a npm run preview`/);
});

test('with a display that is not there: the same one line, no stack trace', (t) => {
  if (!existsSync(CHROMIUM_PATH)) return t.skip(`no Chromium at ${CHROMIUM_PATH}`);
  const run = preview({ DISPLAY: ':31999' });
  assert.equal(run.status, 1);
  assert.equal(run.lines.length, 1, `one line, got: ${run.stderr}`);
  assert.match(run.lines[0]!, /xvfb-run -a npm run preview.*DISPLAY=:31999/);
});

/** A private X display; its number comes back on the pipe (-displayfd), so no two runs pick the same. */
async function privateDisplay(t: import('node:test').TestContext): Promise<string> {
  const xvfb = spawn(XVFB, ['-displayfd', '1', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => void xvfb.kill());
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    xvfb.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before naming its display`)));
  });
  return `:${number}`;
}

test('the headed window is the app alone: no infobar of Chromium between the title and the page', async (t) => {
  if (!existsSync(CHROMIUM_PATH)) return t.skip(`no Chromium at ${CHROMIUM_PATH}`);
  if (!existsSync(XVFB)) return t.skip('no Xvfb (apt-get install xvfb) to open a window on');
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) return t.skip('dist/renderer is missing: run `npm run build` first');
  const display = await privateDisplay(t);
  const before = process.env.DISPLAY;
  process.env.DISPLAY = display;
  const app = await launchApp({ target: 'chromium', headless: false }).finally(() => {
    if (before === undefined) delete process.env.DISPLAY;
    else process.env.DISPLAY = before;
  });
  try {
    // No window manager on the display: the window's outer height is the page's unless Chromium draws a bar above it
    // (the one for --no-sandbox took 56 px of the app window when run as root).
    const { outer, inner } = await app.page.evaluate(() => {
      const w = globalThis as unknown as { outerHeight: number; innerHeight: number };
      return { outer: w.outerHeight, inner: w.innerHeight };
    });
    assert.equal(outer - inner, 0, `Chromium's own UI takes ${outer - inner} px of the window (outer ${outer}, page ${inner})`);
  } finally {
    await app.close();
  }
});
