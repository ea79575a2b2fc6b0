/** caseway:// links: parsing, argv (second instance) and holding links until the window can take them. */
import { describe, expect, it } from 'vitest';
import { deepLinkErrorPaths, deepLinkRefusalReasons, type DeepLinkAction, type DeepLinkError } from '../shared/ipc/deepLinks';
import { createDeepLinkDispatcher, findDeepLinkInArgv, parseDeepLink } from './deepLinks';

const errorOf = (link: string): DeepLinkError['code'] | 'ok' => {
  const result = parseDeepLink(link);
  return result.ok ? 'ok' : result.error.code;
};

describe('parseDeepLink', () => {
  it('opens a case by number', () => {
    expect(parseDeepLink('caseway://case/CS0001234')).toEqual({ ok: true, value: { kind: 'openCase', number: 'CS0001234' } });
    expect(parseDeepLink('caseway://case/cs0001234/')).toEqual({ ok: true, value: { kind: 'openCase', number: 'CS0001234' } });
    expect(parseDeepLink('CASEWAY://case/PSC0012345')).toEqual({ ok: true, value: { kind: 'openCase', number: 'PSC0012345' } });
  });

  it('starts an interaction, keeping the + of an unencoded phone number and normalising it', () => {
    expect(parseDeepLink('caseway://interaction?channel=phone&from=+61298765432')).toEqual({ ok: true, value: { kind: 'startInteraction', channel: 'phone', from: '+61298765432' } });
    expect(parseDeepLink('caseway://interaction?channel=phone&from=%2B61%20(2)%209876-5432')).toEqual({ ok: true, value: { kind: 'startInteraction', channel: 'phone', from: '+61298765432' } });
    expect(parseDeepLink('caseway://interaction?channel=email&from=Ana.Lee%2Bwork@Example.org')).toEqual({ ok: true, value: { kind: 'startInteraction', channel: 'email', from: 'ana.lee+work@example.org' } });
    expect(parseDeepLink('caseway://interaction?channel=walk_in')).toEqual({ ok: true, value: { kind: 'startInteraction', channel: 'walk_in', from: null } });
  });

  it('refuses everything else with a reason, never throwing', () => {
    const refused: [string, DeepLinkError['code']][] = [
      ['https://caseway.example/case/CS0001234', 'not_caseway'],
      ['not a url', 'not_caseway'],
      ['caseway://delete/CS0001234', 'unknown_action'],
      ['caseway://', 'unknown_action'],
      ['caseway://case/1234', 'invalid'],
      ['caseway://case/CS0001234/extra', 'invalid'],
      ['caseway://case/CS0001234?x=1', 'invalid'],
      ['caseway://case/%E0%A4%A', 'invalid'],
      ['caseway://interaction?channel=fax&from=123456', 'invalid'],
      ['caseway://interaction?from=+61298765432', 'invalid'],
      ['caseway://interaction?channel=phone&from=call-me-maybe', 'invalid'],
      ['caseway://interaction?channel=phone&from=12', 'invalid'],
      ['caseway://interaction?channel=email&from=not-an-email', 'invalid'],
      ['caseway://interaction?channel=phone&channel=email', 'invalid'],
      ['caseway://interaction?channel=phone&script=alert(1)', 'invalid'],
      ['caseway://interaction?channel=chat&from=a%00b', 'invalid'],
      [`caseway://case/CS${'1'.repeat(3000)}`, 'invalid'],
    ];
    for (const [link, code] of refused) expect([link, errorOf(link)]).toEqual([link, code]);
    const result = parseDeepLink('caseway://interaction?channel=phone&from=call-me');
    expect(result).toEqual({ ok: false, error: { code: 'invalid', path: 'from', message: 'must be a phone number' } });
  });

  it('refuses control and format characters in from, also percent-encoded (C1 next line, bidi override)', () => {
    for (const link of ['caseway://interaction?channel=chat&from=ana%C2%85lee', 'caseway://interaction?channel=chat&from=ana%E2%80%AElee', 'caseway://interaction?channel=chat&from=ana%E2%80%8Blee']) {
      expect([link, parseDeepLink(link)]).toEqual([link, { ok: false, error: { code: 'invalid', path: 'from', message: 'must be plain text' } }]);
    }
  });

  it('says why a link was refused with a fixed path and reason only, never the link\'s text', () => {
    const personal = ['0412345678', 'ana', 'example'];
    const links = [
      'caseway://interaction?0412345678',
      'caseway://interaction?channel=phone&ana@example.org=1',
      'caseway://0412345678',
      'caseway://ana@example.org/case',
      'caseway://interaction/0412345678',
      'caseway://case/0412345678',
      'caseway://case/ana@example.org',
      'caseway://interaction?channel=0412345678',
      'caseway://interaction?channel=phone&from=ana.0412345678',
      'caseway://interaction?channel=email&from=ana@example',
      'caseway://interaction?channel=chat&from=ana%E2%80%AE0412345678',
      'caseway://interaction?channel=chat&from=' + 'ana0412345678'.repeat(30),
      `caseway://case/0412345678${'x'.repeat(3000)}`,
      'https://example.org/0412345678',
      '0412345678 ana',
    ];
    for (const link of links) {
      const result = parseDeepLink(link);
      if (result.ok) throw new Error(`accepted ${link}`);
      expect(deepLinkErrorPaths).toContain(result.error.path);
      expect(deepLinkRefusalReasons).toContain(result.error.message);
      for (const text of personal) expect([link, JSON.stringify(result.error).includes(text)]).toEqual([link, false]);
    }
  });
});

describe('findDeepLinkInArgv', () => {
  it('finds the link among the flags Windows and Linux pass a second instance', () => {
    expect(findDeepLinkInArgv(['C:\\Caseway\\Caseway.exe', '--allow-file-access-from-files', 'caseway://case/CS0001234'])).toBe('caseway://case/CS0001234');
    expect(findDeepLinkInArgv(['/usr/bin/electron', '/app/main.cjs'])).toBeNull();
  });
});

describe('createDeepLinkDispatcher', () => {
  const council = 'https://council.example.org';
  const water = 'https://water.example.org';

  function setUp(initialTarget: string | null) {
    const state = { target: initialTarget };
    const calls: string[] = [];
    const refused: DeepLinkError[] = [];
    const dispatcher = createDeepLinkDispatcher({
      target: () => state.target,
      focus: (workspace) => calls.push(`focus ${workspace}`),
      noWindow: () => calls.push('no window'),
      onRefused: (_link, error) => refused.push(error),
    });
    const sent: string[] = [];
    const sender = (workspace: string) => (action: DeepLinkAction) => sent.push(`${workspace} ${action.kind === 'openCase' ? action.number : action.channel}`);
    return { state, calls, refused, dispatcher, sent, sender };
  }

  it('holds accepted links until the target window attaches, then sends them in order and focuses it for each', () => {
    const { dispatcher, calls, refused, sent, sender } = setUp(council);
    dispatcher.open('caseway://case/CS0000001');
    dispatcher.open('caseway://nope');
    dispatcher.open('caseway://interaction?channel=phone&from=+61298765432');
    dispatcher.attach(water, sender(water));
    expect(sent).toEqual([]);
    dispatcher.attach(council, sender(council));
    expect(sent).toEqual([`${council} CS0000001`, `${council} phone`]);
    dispatcher.open('caseway://case/CS0000002');
    expect(sent).toHaveLength(3);
    expect(calls).toEqual([`focus ${council}`, `focus ${council}`, `focus ${council}`]);
    expect(refused.map((e) => e.code)).toEqual(['unknown_action']);
    dispatcher.detach(council);
    dispatcher.open('caseway://case/CS0000003');
    expect(sent).toHaveLength(3);
  });

  it('sends each link to the window that is the target when it arrives', () => {
    const { state, dispatcher, sent, sender, calls } = setUp(council);
    dispatcher.attach(council, sender(council));
    dispatcher.attach(water, sender(water));
    dispatcher.open('caseway://case/CS0000001');
    state.target = water;
    dispatcher.open('caseway://case/CS0000002');
    expect(sent).toEqual([`${council} CS0000001`, `${water} CS0000002`]);
    expect(calls).toEqual([`focus ${council}`, `focus ${water}`]);
  });

  it('with no window, asks for one and gives the link to the first window that loads', () => {
    const { state, dispatcher, sent, sender, calls } = setUp(null);
    dispatcher.open('caseway://case/CS0000001');
    expect(calls).toEqual(['no window']);
    state.target = water;
    dispatcher.attach(water, sender(water));
    dispatcher.attach(council, sender(council));
    expect(sent).toEqual([`${water} CS0000001`]);
  });

  it('passes the links of a window closed before it loaded to the next window', () => {
    const { state, dispatcher, sent, sender } = setUp(council);
    dispatcher.open('caseway://case/CS0000001');
    dispatcher.detach(council);
    state.target = water;
    dispatcher.attach(water, sender(water));
    expect(sent).toEqual([`${water} CS0000001`]);
  });

  it('logs a refused link by code, path and reason only', () => {
    const { dispatcher, refused } = setUp(council);
    dispatcher.open('caseway://interaction?0412345678');
    dispatcher.open('caseway://0412345678');
    expect(refused).toEqual([
      { code: 'invalid', path: 'query', message: 'unknown parameter' },
      { code: 'unknown_action', path: 'action', message: 'unknown action' },
    ]);
  });

  it('gives the links of a window closed before it loaded to a window that has already loaded', () => {
    const { state, dispatcher, sent, sender, calls } = setUp(council);
    dispatcher.attach(water, sender(water));
    dispatcher.open('caseway://case/CS0000001');
    expect(sent).toEqual([]);
    dispatcher.detach(council);
    state.target = water;
    expect(sent).toEqual([`${water} CS0000001`]);
    expect(calls).toEqual([`focus ${council}`, `focus ${water}`]);
  });

  it('while the closing window is still the target, gives its links to another loaded window', () => {
    const { dispatcher, sent, sender } = setUp(council);
    dispatcher.attach(water, sender(water));
    dispatcher.open('caseway://case/CS0000001');
    dispatcher.detach(council);
    expect(sent).toEqual([`${water} CS0000001`]);
  });

  it('gives the links of a closed window to the current window once it loads, not to another that has loaded', () => {
    const { state, dispatcher, sent, sender } = setUp(council);
    dispatcher.attach(water, sender(water));
    dispatcher.open('caseway://case/CS0000001');
    const roads = 'https://roads.example.org';
    state.target = roads;
    dispatcher.detach(council);
    expect(sent).toEqual([]);
    dispatcher.attach(roads, sender(roads));
    expect(sent).toEqual([`${roads} CS0000001`]);
  });

  it('keeps the links of a closed window for the next window to load when no other window has loaded', () => {
    const { state, dispatcher, sent, sender } = setUp(council);
    dispatcher.open('caseway://case/CS0000001');
    state.target = water;
    dispatcher.detach(council);
    expect(sent).toEqual([]);
    dispatcher.attach(water, sender(water));
    expect(sent).toEqual([`${water} CS0000001`]);
  });

  it('keeps the links of a window whose page reloads (its renderer died) for that page, not for another window', () => {
    const { dispatcher, sent, sender } = setUp(council);
    dispatcher.attach(water, sender(water));
    // Held while the page loads, which then dies; and arriving while it reloads.
    dispatcher.open('caseway://case/CS0000001');
    dispatcher.reloading(council);
    dispatcher.open('caseway://case/CS0000002');
    expect(sent).toEqual([]);
    dispatcher.attach(council, sender(council));
    expect(sent).toEqual([`${council} CS0000001`, `${council} CS0000002`]);
  });

  it('keeps only the latest links while no window can take them', () => {
    const { dispatcher, sent, sender } = setUp(null);
    for (let n = 1; n <= 25; n += 1) dispatcher.open(`caseway://case/CS${String(n).padStart(7, '0')}`);
    dispatcher.attach(council, sender(council));
    expect(sent).toHaveLength(10);
    expect(sent[9]).toBe(`${council} CS0000025`);
  });
});
