import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appWindowLaunch } from '../../../main/preview/app-window';

const URL = 'http://127.0.0.1:4321/index.html';
const PROFILE = '/tmp/resetdesk-chromium-profile-abc';

describe('npm run preview: an app window, not a browser', () => {
  it('opens the app with Chromium\'s --app mode: no address bar, tabs or Back', () => {
    const { args } = appWindowLaunch(URL, PROFILE, false);
    assert.deepEqual(args.filter((a) => a.startsWith('--app')), [`--app=${URL}`]);
    assert.deepEqual(args.filter((a) => !a.startsWith('--')), [], 'no other page opens beside it');
  });

  it('runs on a profile of its own, never the user\'s Chromium profile', () => {
    const launch = appWindowLaunch(URL, PROFILE, false);
    assert.equal(launch.userDataDir, PROFILE);
    assert.equal(launch.args.some((a) => a.startsWith('--user-data-dir') || a.startsWith('--profile-directory')), false);
    assert.ok(launch.args.includes('--no-first-run'), 'a fresh profile asks nothing on start');
  });

  it('sizes the window when headed and lets the page follow it; headless pages get the same size', () => {
    const headed = appWindowLaunch(URL, PROFILE, false);
    assert.ok(headed.args.includes('--window-size=1280,800'));
    assert.equal(headed.viewport, null);
    assert.deepEqual(appWindowLaunch(URL, PROFILE, true).viewport, { width: 1280, height: 800 });
  });
});
