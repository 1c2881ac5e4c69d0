import { describe, expect, it } from 'vitest';
import { leavesTerminal, splitInput } from '../../src/renderer/src/lib/shell-input';

describe('shell input split into calls', () => {
  it('keystrokes go as they are; a large paste in order, within the limit, never splitting a character', () => {
    expect(splitInput('ls\r')).toEqual(['ls\r']);
    const paste = 'a'.repeat(9) + '😀' + 'b'.repeat(5);
    const parts = splitInput(paste, 10);
    expect(parts.join('')).toBe(paste);
    expect(parts.every((p) => p.length <= 10)).toBe(true);
    expect(parts[0]).toBe('a'.repeat(9));
  });
});

describe('leavesTerminal', () => {
  const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it('hands Shift+Tab and Ctrl/Cmd+K to the page, and keeps everything else for the shell', () => {
    expect(leavesTerminal(key('Tab', { shiftKey: true }))).toBe(true);
    expect(leavesTerminal(key('k', { ctrlKey: true }))).toBe(true);
    expect(leavesTerminal(key('K', { metaKey: true }))).toBe(true);
    expect(leavesTerminal(key('Tab'))).toBe(false);
    expect(leavesTerminal(key('c', { ctrlKey: true }))).toBe(false);
    expect(leavesTerminal(key('k'))).toBe(false);
    expect(leavesTerminal(key('k', { ctrlKey: true, altKey: true }))).toBe(false);
  });
});
