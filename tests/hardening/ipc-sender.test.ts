// The IPC bridge answers only the main frame of one of our windows showing our page.

import { describe, expect, it } from 'vitest';
import { isRendererPage, trustedSender } from '../../src/main/electron/sender-check';

const PAGE = 'file:///opt/Tapline/resources/app.asar/out/renderer/index.html';

function makeWindow(name: string, url = PAGE) {
  const contents = { name };
  const mainFrame = { url };
  return { contents, mainFrame };
}

describe('trustedSender', () => {
  const first = makeWindow('first');
  const second = makeWindow('second');
  const windows = [first, second];

  it('finds the window whose main frame sent the request', () => {
    expect(trustedSender({ sender: first.contents, senderFrame: first.mainFrame }, windows, PAGE))
      .toBe(first);
    expect(trustedSender({ sender: second.contents, senderFrame: second.mainFrame }, windows,
      PAGE)).toBe(second);
  });

  it('refuses a subframe of our window, even one showing our page', () => {
    const subframe = { url: PAGE };
    expect(trustedSender({ sender: first.contents, senderFrame: subframe }, windows, PAGE))
      .toBeUndefined();
  });

  it('refuses a frame that is gone, and another window\'s frame sent as ours', () => {
    expect(trustedSender({ sender: first.contents, senderFrame: null }, windows, PAGE))
      .toBeUndefined();
    expect(trustedSender({ sender: first.contents, senderFrame: second.mainFrame }, windows,
      PAGE)).toBeUndefined();
  });

  it('refuses web contents that are not one of our windows', () => {
    const stranger = makeWindow('stranger');
    expect(trustedSender({ sender: stranger.contents, senderFrame: stranger.mainFrame },
      windows, PAGE)).toBeUndefined();
  });

  it('refuses our main frame once it shows another page', () => {
    const moved = makeWindow('moved', 'https://evil.example/index.html');
    expect(trustedSender({ sender: moved.contents, senderFrame: moved.mainFrame }, [moved],
      PAGE)).toBeUndefined();
  });
});

describe('isRendererPage', () => {
  it('accepts our page with a query or fragment', () => {
    expect(isRendererPage(`${PAGE}?x=1#packet-3`, PAGE)).toBe(true);
  });

  it('refuses other files, schemes, hosts and malformed URLs', () => {
    for (const url of [
      'file:///opt/Tapline/resources/app.asar/out/renderer/other.html',
      'file:///tmp/index.html',
      'http://127.0.0.1/opt/Tapline/resources/app.asar/out/renderer/index.html',
      'file://evil.example/opt/Tapline/resources/app.asar/out/renderer/index.html',
      'about:blank', 'data:text/html,hi', 'not a url', '',
    ]) {
      expect(isRendererPage(url, PAGE), url).toBe(false);
    }
  });
});
