import { ENV_KEY_PATTERN } from './app-rules';

export interface DotenvResult {
  entries: Array<{ key: string; value: string }>;
  errors: Array<{ line: number; message: string }>;
}

/**
 * Parses .env text as people paste it: `KEY=value`, `export KEY=value`, comments, blank lines,
 * single quotes (literal), double quotes (with \n, \t, \" and \\ escapes, may span lines), and
 * ` # comments` after unquoted values. Bad lines are reported by number, never silently dropped.
 */
export function parseDotenv(text: string): DotenvResult {
  const result: DotenvResult = { entries: [], errors: [] };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      result.errors.push({ line: lineNumber, message: 'expected KEY=value' });
      continue;
    }
    const key = match[1]!;
    if (!ENV_KEY_PATTERN.test(key)) {
      result.errors.push({ line: lineNumber, message: `"${key}" is not a valid variable name` });
      continue;
    }
    let raw = match[2]!;
    if (raw.startsWith('"')) {
      // a double-quoted value may continue on the following lines until the closing quote
      let end = index;
      while (!/^"(?:[^"\\]|\\.)*"/.test(raw) && end + 1 < lines.length) raw += '\n' + lines[++end];
      const quoted = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(raw);
      if (!quoted) {
        // report it and carry on with the next line, rather than swallowing the rest of the file
        result.errors.push({ line: lineNumber, message: `unterminated double quote in ${key}` });
        continue;
      }
      index = end;
      const value = quoted[1]!.replace(/\\(.)/g, (_, c: string) =>
        c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c,
      );
      result.entries.push({ key, value });
    } else if (raw.startsWith("'")) {
      const quoted = /^'([^']*)'\s*(?:#.*)?$/.exec(raw);
      if (!quoted) {
        result.errors.push({ line: lineNumber, message: `unterminated single quote in ${key}` });
        continue;
      }
      result.entries.push({ key, value: quoted[1]! });
    } else {
      result.entries.push({ key, value: raw.replace(/\s+#.*$/, '').trim() });
    }
  }
  return result;
}
