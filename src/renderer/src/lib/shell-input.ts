/** What one `shell.input` call may carry (the schema allows 64 Ki characters; a paste can be larger). */
export const SHELL_INPUT_CHUNK = 32 * 1024;

/** Splits typed or pasted text into pieces small enough for one `shell.input` call each, in order. */
export function splitInput(data: string, max = SHELL_INPUT_CHUNK): string[] {
  if (data.length <= max) return [data];
  const parts: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + max, data.length);
    // never split a surrogate pair: half an emoji would reach the shell as garbage
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(data.slice(start, end));
    start = end;
  }
  return parts;
}

/** Keys the shell terminal hands to the page instead of the shell. */
export function leavesTerminal(event: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): boolean {
  if (event.key === 'Tab' && event.shiftKey) return true;
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}
