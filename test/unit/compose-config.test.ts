import { describe, expect, it } from 'vitest';
import { composeLogging, resolvedServices } from '../../src/main/core/compose/compose-config';

/** What `docker-compose config` (v1.29) printed for a file with `extends` and a service of its own logging. */
const V1_OUTPUT = `services:
  chatty:
    image: busybox
    logging:
      driver: json-file
      options:
        max-size: 1m
  web:
    command: sleep 1000
    image: busybox
  worker:
    command: sleep 1000
    image: busybox
version: '3.9'
`;

describe('resolvedServices', () => {
  it('lists every service, sorted, and which set their own logging', () => {
    expect(resolvedServices(V1_OUTPUT)).toEqual([
      { name: 'chatty', ownLogging: true },
      { name: 'web', ownLogging: false },
      { name: 'worker', ownLogging: false },
    ]);
  });

  it('reads v2 output (a name, null fields) and a service with no settings at all', () => {
    const v2 = 'name: mist-a1\nservices:\n  api:\n    logging:\n      driver: none\n  idle: null\n';
    expect(resolvedServices(v2)).toEqual([
      { name: 'api', ownLogging: true },
      { name: 'idle', ownLogging: false },
    ]);
  });

  it.each([
    ['not YAML', 'services: [\n'],
    ['no services', 'version: "3"\n'],
    ['services as a list', 'services:\n  - web\n'],
    ['empty', ''],
  ])('%s: null', (_case, text) => {
    expect(resolvedServices(text)).toBe(null);
  });
});

describe('composeLogging', () => {
  it("is an image app's LogConfig in compose's words", () => {
    expect(composeLogging({ maxSizeMb: 50, maxFiles: 5 })).toEqual({
      driver: 'local',
      options: { 'max-size': '50m', 'max-file': '5' },
    });
  });
});
