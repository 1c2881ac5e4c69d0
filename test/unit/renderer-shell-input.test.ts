import { describe, expect, it } from 'vitest';
import { splitInput } from '../../src/renderer/src/lib/shell-input';

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
