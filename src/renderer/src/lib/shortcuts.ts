/**
 * Keyboard shortcuts: which command a key event means, and the list the `?` overlay shows. Pure
 * (unit-tested in renderer-shortcuts.test.ts); components/KeyboardCommands.tsx listens and runs them.
 *
 * Global shortcuts use Ctrl (Cmd on macOS) and work anywhere; single-key shortcuts only act when
 * focus is not in a text field, so typing an "s" in a form never opens the shell.
 */

/** What the single-key shortcuts do on an app page. */
export type AppKeyAction = 'deploy' | 'logs' | 'shell' | 'restart' | 'overview' | 'environment' | 'general';

export type Command =
  | { kind: 'palette' }
  | { kind: 'help' }
  | { kind: 'back' }
  | { kind: 'forward' }
  /** 1-based: Ctrl/Cmd+1 is slot 1. */
  | { kind: 'jump'; slot: number }
  | { kind: 'app'; action: AppKeyAction };

/** The parts of a KeyboardEvent the mapping reads (so it can be tested without a DOM). */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Typing into an IME composition: never a shortcut. */
  isComposing?: boolean;
}

export interface KeyContext {
  mac: boolean;
  /** Focus is in a field that takes text (see isTextField). */
  inTextField: boolean;
  /** The app page is showing (single-key app shortcuts act only there). */
  onAppPage: boolean;
}

export const APP_KEYS: Readonly<Record<string, AppKeyAction>> = {
  d: 'deploy',
  l: 'logs',
  s: 'shell',
  r: 'restart',
  o: 'overview',
  e: 'environment',
  g: 'general',
};

/** The command `event` means here, or null (then the event is left alone). */
export function commandForKey(event: KeyLike, context: KeyContext): Command | null {
  if (event.isComposing) return null;
  const { mac } = context;
  const mod = mac ? event.metaKey : event.ctrlKey;
  // Ctrl on macOS (and Meta elsewhere) is not ours: leave Ctrl+A/Ctrl+E to text fields there.
  const otherMod = mac ? event.ctrlKey : event.metaKey;
  if (otherMod) return null;

  if (mod && !event.altKey) {
    if (!event.shiftKey && event.key.toLowerCase() === 'k') return { kind: 'palette' };
    const digit = digitOf(event);
    if (!event.shiftKey && digit !== null && digit >= 1 && digit <= 9) return { kind: 'jump', slot: digit };
    if (mac && !event.shiftKey && event.key === '[') return { kind: 'back' };
    if (mac && !event.shiftKey && event.key === ']') return { kind: 'forward' };
    return null;
  }
  if (mod) return null;

  // Alt+arrows move by word in a text field on macOS: back/forward only outside text fields.
  if (event.altKey) {
    if (context.inTextField || event.shiftKey) return null;
    if (event.key === 'ArrowLeft') return { kind: 'back' };
    if (event.key === 'ArrowRight') return { kind: 'forward' };
    return null;
  }

  if (context.inTextField) return null;
  if (event.key === '?') return { kind: 'help' };
  if (event.shiftKey || event.key.length !== 1 || !context.onAppPage) return null;
  const action = APP_KEYS[event.key.toLowerCase()];
  return action ? { kind: 'app', action } : null;
}

/** The digit of Ctrl+digit, from the key or (layouts where digits need Shift, e.g. AZERTY) the physical key. */
function digitOf(event: KeyLike): number | null {
  if (/^[0-9]$/.test(event.key)) return Number(event.key);
  const match = /^(?:Digit|Numpad)([0-9])$/.exec(event.code ?? '');
  return match ? Number(match[1]) : null;
}

/** The parts of an element isTextField reads. */
export interface ElementLike {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  readOnly?: boolean;
  getAttribute(name: string): string | null;
}

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'hidden',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);
const TEXT_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/** Whether typing a letter in `element` means text (inputs, textareas, selects, editable content). */
export function isTextField(element: ElementLike | null | undefined): boolean {
  if (!element) return false;
  const tag = element.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((element.type ?? 'text').toLowerCase());
  if (element.isContentEditable) return true;
  return TEXT_ROLES.has(element.getAttribute('role') ?? '');
}

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

export interface ShortcutEntry {
  /** Each alternative is a list of keys pressed together, e.g. [['Ctrl', 'K']]. */
  keys: string[][];
  description: string;
}

export interface ShortcutGroup {
  title: string;
  entries: ShortcutEntry[];
}

/** Every shortcut, as the `?` overlay lists them, with the platform's modifier names. */
export function shortcutGroups(mac: boolean): ShortcutGroup[] {
  const mod = mac ? '⌘' : 'Ctrl';
  const alt = mac ? '⌥' : 'Alt';
  const back: string[][] = [[alt, '←']];
  const forward: string[][] = [[alt, '→']];
  if (mac) {
    back.push([mod, '[']);
    forward.push([mod, ']']);
  }
  const single = (key: string, description: string): ShortcutEntry => ({ keys: [[key]], description });
  return [
    {
      title: 'Anywhere',
      entries: [
        { keys: [[mod, 'K']], description: 'Command palette: find an app, act on it' },
        { keys: [[mod, '1…9']], description: 'Open a pinned app, then the recently opened ones' },
        { keys: back, description: 'Back' },
        { keys: forward, description: 'Forward' },
        single('?', 'This list of shortcuts'),
      ],
    },
    {
      title: 'On an app page (focus not in a text field)',
      entries: [
        single('d', 'Deploy'),
        single('l', 'Logs'),
        single('s', 'Shell in the container'),
        single('r', 'Restart'),
        single('o', 'Overview'),
        single('e', 'Environment'),
        single('g', 'General settings'),
      ],
    },
    {
      title: 'In the command palette',
      entries: [
        { keys: [['↑'], ['↓']], description: 'Move through the list' },
        { keys: [['Enter']], description: 'Open the app, or run the action' },
        { keys: [['Tab'], ['→']], description: "Show the app's actions" },
        { keys: [['Shift', 'Tab'], ['←']], description: 'Back to the apps' },
        { keys: [['Esc']], description: 'Back, or close' },
      ],
    },
  ];
}
