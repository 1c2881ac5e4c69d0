import { describe, expect, it } from 'vitest';
import {
  commandForKey,
  isMacPlatform,
  isTextField,
  shortcutGroups,
  type KeyContext,
  type KeyLike,
} from '../../src/renderer/src/lib/shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const linux: KeyContext = { mac: false, inTextField: false, onAppPage: true };
const mac: KeyContext = { mac: true, inTextField: false, onAppPage: true };
const typing: KeyContext = { ...linux, inTextField: true };

const element = (tagName: string, props: { type?: string; role?: string; editable?: boolean } = {}) => ({
  tagName,
  type: props.type,
  isContentEditable: props.editable ?? false,
  getAttribute: (name: string) => (name === 'role' ? (props.role ?? null) : null),
});

describe('commandForKey', () => {
  it('opens the palette with Ctrl+K (Cmd+K on macOS), even from a text field', () => {
    expect(commandForKey(key('k', { ctrlKey: true }), linux)).toEqual({ kind: 'palette' });
    expect(commandForKey(key('K', { ctrlKey: true }), typing)).toEqual({ kind: 'palette' });
    expect(commandForKey(key('k', { metaKey: true }), mac)).toEqual({ kind: 'palette' });
    // the other platform's modifier is not ours
    expect(commandForKey(key('k', { metaKey: true }), linux)).toBeNull();
    expect(commandForKey(key('k', { ctrlKey: true }), mac)).toBeNull();
    expect(commandForKey(key('k', { ctrlKey: true, shiftKey: true }), linux)).toBeNull();
    expect(commandForKey(key('k', { ctrlKey: true, altKey: true }), linux)).toBeNull();
  });

  it('jumps with Ctrl/Cmd+1..9, by key or by physical digit key', () => {
    expect(commandForKey(key('1', { ctrlKey: true }), linux)).toEqual({ kind: 'jump', slot: 1 });
    expect(commandForKey(key('9', { metaKey: true }), mac)).toEqual({ kind: 'jump', slot: 9 });
    expect(commandForKey(key('&', { ctrlKey: true, code: 'Digit1' }), linux)).toEqual({ kind: 'jump', slot: 1 });
    expect(commandForKey(key('0', { ctrlKey: true }), linux)).toBeNull();
    expect(commandForKey(key('1'), linux)).toBeNull();
  });

  it('goes back and forward with Alt+arrows outside text fields, and Cmd+[ / Cmd+] on macOS', () => {
    expect(commandForKey(key('ArrowLeft', { altKey: true }), linux)).toEqual({ kind: 'back' });
    expect(commandForKey(key('ArrowRight', { altKey: true }), linux)).toEqual({ kind: 'forward' });
    expect(commandForKey(key('ArrowLeft', { altKey: true }), mac)).toEqual({ kind: 'back' });
    // ⌥← moves by word in a text field
    expect(commandForKey(key('ArrowLeft', { altKey: true }), { ...mac, inTextField: true })).toBeNull();
    expect(commandForKey(key('[', { metaKey: true }), mac)).toEqual({ kind: 'back' });
    expect(commandForKey(key(']', { metaKey: true }), { ...mac, inTextField: true })).toEqual({ kind: 'forward' });
    expect(commandForKey(key('[', { ctrlKey: true }), linux)).toBeNull();
  });

  it('maps single keys on the app page when focus is not in a text field', () => {
    const actions = ['d', 'l', 's', 'r', 'o', 'e', 'g'].map((k) => commandForKey(key(k), linux));
    expect(actions).toEqual(
      ['deploy', 'logs', 'shell', 'restart', 'overview', 'environment', 'general'].map((action) => ({
        kind: 'app',
        action,
      })),
    );
    expect(commandForKey(key('D'), linux)).toEqual({ kind: 'app', action: 'deploy' }); // caps lock
    expect(commandForKey(key('d'), typing)).toBeNull();
    expect(commandForKey(key('d', { shiftKey: true }), linux)).toBeNull();
    expect(commandForKey(key('d'), { ...linux, onAppPage: false })).toBeNull();
    expect(commandForKey(key('x'), linux)).toBeNull();
    expect(commandForKey(key('Enter'), linux)).toBeNull();
    expect(commandForKey(key('d', { ctrlKey: true }), linux)).toBeNull();
    expect(commandForKey(key('d', { isComposing: true }), linux)).toBeNull();
  });

  it('opens the shortcut list with ? anywhere but in a text field', () => {
    expect(commandForKey(key('?', { shiftKey: true }), linux)).toEqual({ kind: 'help' });
    expect(commandForKey(key('?', { shiftKey: true }), { ...linux, onAppPage: false })).toEqual({ kind: 'help' });
    expect(commandForKey(key('?', { shiftKey: true }), typing)).toBeNull();
  });
});

describe('isTextField', () => {
  it('counts inputs that take text, textareas, selects, editable content and text roles', () => {
    expect(isTextField(element('INPUT'))).toBe(true);
    expect(isTextField(element('input', { type: 'search' }))).toBe(true);
    expect(isTextField(element('INPUT', { type: 'number' }))).toBe(true);
    expect(isTextField(element('TEXTAREA'))).toBe(true); // also xterm's hidden textarea
    expect(isTextField(element('SELECT'))).toBe(true);
    expect(isTextField(element('DIV', { editable: true }))).toBe(true);
    expect(isTextField(element('DIV', { role: 'textbox' }))).toBe(true);
  });

  it('does not count buttons, checkboxes, radios, links or nothing', () => {
    expect(isTextField(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTextField(element('INPUT', { type: 'RADIO' }))).toBe(false);
    expect(isTextField(element('BUTTON', { type: 'submit' }))).toBe(false);
    expect(isTextField(element('A'))).toBe(false);
    expect(isTextField(element('BUTTON', { role: 'tab' }))).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});

describe('the shortcut list', () => {
  it('names every shortcut with the platform modifier', () => {
    const text = (isMac: boolean) =>
      shortcutGroups(isMac)
        .flatMap((group) => group.entries)
        .map((entry) => `${entry.keys.map((combo) => combo.join('+')).join(' | ')} ${entry.description}`);
    expect(text(false)).toEqual(
      expect.arrayContaining([
        'Ctrl+K Command palette: find an app, act on it',
        'Ctrl+1…9 Open a pinned app, then the recently opened ones',
        'Alt+← Back',
        'd Deploy',
        'l Logs',
        's Shell in the container',
        'r Restart',
        'o Overview',
        'e Environment',
        'g General settings',
        '? This list of shortcuts',
      ]),
    );
    expect(text(true)).toEqual(
      expect.arrayContaining(['⌘+K Command palette: find an app, act on it', '⌥+← | ⌘+[ Back']),
    );
  });

  it('detects macOS from the platform string', () => {
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('Linux x86_64')).toBe(false);
    expect(isMacPlatform('Win32')).toBe(false);
  });
});
