/** caseway:// links: parsing, argv (second instance) and holding links until the window can take them. */
import { describe, expect, it } from 'vitest';
import type { DeepLinkAction, DeepLinkError } from '../shared/ipc/deepLinks';
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
});

describe('findDeepLinkInArgv', () => {
  it('finds the link among the flags Windows and Linux pass a second instance', () => {
    expect(findDeepLinkInArgv(['C:\\Caseway\\Caseway.exe', '--allow-file-access-from-files', 'caseway://case/CS0001234'])).toBe('caseway://case/CS0001234');
    expect(findDeepLinkInArgv(['/usr/bin/electron', '/app/main.cjs'])).toBeNull();
  });
});

describe('createDeepLinkDispatcher', () => {
  it('holds accepted links until a window attaches, then sends them in order and focuses for each', () => {
    const refused: DeepLinkError[] = [];
    let focused = 0;
    const dispatcher = createDeepLinkDispatcher({ focus: () => (focused += 1), onRefused: (_link, error) => refused.push(error) });
    dispatcher.open('caseway://case/CS0000001');
    dispatcher.open('caseway://nope');
    dispatcher.open('caseway://interaction?channel=phone&from=+61298765432');
    const sent: DeepLinkAction[] = [];
    dispatcher.attach((action) => sent.push(action));
    expect(sent).toEqual([
      { kind: 'openCase', number: 'CS0000001' },
      { kind: 'startInteraction', channel: 'phone', from: '+61298765432' },
    ]);
    dispatcher.open('caseway://case/CS0000002');
    expect(sent).toHaveLength(3);
    expect(focused).toBe(3);
    expect(refused.map((e) => e.code)).toEqual(['unknown_action']);
    dispatcher.detach();
    dispatcher.open('caseway://case/CS0000003');
    expect(sent).toHaveLength(3);
  });

  it('keeps only the latest links while no window can take them', () => {
    const dispatcher = createDeepLinkDispatcher({ focus: () => undefined, onRefused: () => undefined });
    for (let n = 1; n <= 25; n += 1) dispatcher.open(`caseway://case/CS${String(n).padStart(7, '0')}`);
    const sent: DeepLinkAction[] = [];
    dispatcher.attach((action) => sent.push(action));
    expect(sent).toHaveLength(10);
    expect(sent[9]).toEqual({ kind: 'openCase', number: 'CS0000025' });
  });
});
