/**
 * What the logs bench injects into the page before the app loads (a string: this file is checked
 * without DOM types):
 *
 * - every API WebSocket message is handed, as the string it arrived as, to a Web Worker that parses
 *   it (a packed batch of log lines unpacked as the page does) and checks the numbered lines of `apps.logs` batches, per source (a compose service prefixes
 *   `name | `): each number once, in order, none missing. The check runs off the main thread, so it costs the page one postMessage per message;
 * - a PerformanceObserver records every long task (> 50 ms) of the main thread.
 *
 * `window.__logsProbe()` answers { count, last (per source), errors, firstAt, lastAt, longTasks }.
 */
export const LOGS_PROBE_SCRIPT = `(() => {
  const workerSource = \`
    let count = 0, firstAt = 0, lastAt = 0;
    const expected = {}, last = {};
    const errors = [];
    onmessage = (event) => {
      if (event.data === 'report') return postMessage({ count, last, errors, firstAt, lastAt });
      const message = JSON.parse(event.data);
      if (message.type !== 'batch') return;
      if (!message.packed) {
        for (const line of message.events) if (line && line.stream === 'stdout') check(line.text, 0, line.text.length);
        return;
      }
      // a packed batch (src/shared/log-batch.ts): the texts joined by newlines, the streams run-length;
      // read in place, no object per line, so the probe takes little of the CPU it measures
      const text = message.packed.t, kinds = message.packed.k;
      let from = 0;
      for (let run = 0; run < kinds.length; run += 2)
        for (let left = kinds[run + 1]; left > 0; left--) {
          let to = text.indexOf('\\\\n', from);
          if (to < 0) to = text.length;
          if (kinds[run] === 'o') check(text, from, to);
          from = to + 1;
        }
    };
    // one line: a number, or a compose service's 'name | number'
    function check(text, from, to) {
      let n = 0, at = from;
      for (; at < to; at++) {
        const code = text.charCodeAt(at);
        if (code < 48 || code > 57) break;
        n = n * 10 + code - 48;
      }
      let source = '';
      if (at === from || at !== to) {
        const match = /^(?:(\\\\S+) \\\\| )?(\\\\d+)$/.exec(text.slice(from, to));
        if (!match) return;
        source = match[1] || '';
        n = Number(match[2]);
      }
      if (source in expected && n !== expected[source] && errors.length < 20)
        errors.push((source ? source + ': ' : '') + 'expected ' + expected[source] + ', got ' + n);
      if (count === 0) firstAt = Date.now();
      expected[source] = n + 1;
      last[source] = n;
      count += 1;
      lastAt = Date.now();
    }
  \`;
  const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })));
  let answer = null;
  worker.onmessage = (event) => { if (answer) { answer(event.data); answer = null; } };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => { if (typeof event.data === 'string') worker.postMessage(event.data); });
    }
  };
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__logsProbe = () => new Promise((resolve) => {
    answer = (report) => resolve({ ...report, longTasks: longTasks.slice() });
    worker.postMessage('report');
  });
})()`;

export interface ProbeReport {
  count: number;
  /** The last number seen from each source ('' when lines have no service prefix). */
  last: Record<string, number>;
  errors: string[];
  /** Date.now() when the first and the last numbered line reached the page. */
  firstAt: number;
  lastAt: number;
  longTasks: { start: number; duration: number }[];
}
