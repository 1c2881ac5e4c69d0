import { describe, expect, it } from 'vitest';
import { branchesDefaultFirst, pickedRepository } from '../../src/renderer/src/lib/github-picker';
import { parseRoute, routeHash } from '../../src/renderer/src/lib/route';

describe('GitHub page route', () => {
  it('#/github round-trips', () => {
    expect(parseRoute('#/github')).toEqual({ page: 'github' });
    expect(routeHash({ page: 'github' })).toBe('#/github');
  });
});

describe('repository picker', () => {
  it('lists the default branch first, then the rest in order', () => {
    const branches = [
      { name: 'a', sha: '1' },
      { name: 'trunk', sha: '2' },
      { name: 'b', sha: '3' },
    ];
    expect(branchesDefaultFirst(branches, 'trunk').map((b) => b.name)).toEqual(['trunk', 'a', 'b']);
    expect(branchesDefaultFirst(branches, 'gone').map((b) => b.name)).toEqual(['a', 'trunk', 'b']);
  });
  it('fills the https clone URL and the branch', () => {
    expect(pickedRepository({ cloneUrl: 'https://github.com/o/r.git' }, 'main')).toEqual({
      gitUrl: 'https://github.com/o/r.git',
      branch: 'main',
    });
  });
});
