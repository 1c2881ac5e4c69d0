import { describe, expect, it } from 'vitest';
import { githubCommitUrl, parseGitHubRemote } from '../../src/shared/github-remote';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('parseGitHubRemote', () => {
  it('reads owner and repository from every usual form of a github.com remote', () => {
    for (const url of [
      'https://github.com/octo/shop',
      'https://github.com/octo/shop.git',
      'https://github.com/octo/shop/',
      'http://www.github.com/octo/shop.git',
      'https://x-access-token@github.com/octo/shop.git',
      'git@github.com:octo/shop.git',
      'git@github.com:octo/shop',
      'ssh://git@github.com/octo/shop.git',
      'ssh://git@github.com:22/octo/shop.git',
      'git://github.com/octo/shop.git',
      'octo/shop',
      '  https://GitHub.com/octo/shop.git\n',
    ]) {
      expect(parseGitHubRemote(url), url).toEqual({ owner: 'octo', repo: 'shop' });
    }
  });

  it('keeps the dots, dashes and underscores of real repository names', () => {
    expect(parseGitHubRemote('git@github.com:my-org/site.github.io.git')).toEqual({
      owner: 'my-org',
      repo: 'site.github.io',
    });
    expect(parseGitHubRemote('https://github.com/a1/under_score-x')).toEqual({ owner: 'a1', repo: 'under_score-x' });
  });

  it('returns null for other hosts and for anything that is not one repository', () => {
    for (const url of [
      'https://gitlab.com/octo/shop.git',
      'git@gitlab.com:octo/shop.git',
      'https://github.com.evil.example/octo/shop.git',
      'https://ghe.example.com/octo/shop.git',
      'https://github.com/octo',
      'https://github.com/octo/shop/tree/main',
      'https://github.com/octo/shop?tab=readme',
      'https://github.com/octo/..',
      'https://github.com/oc%20to/shop',
      'ftp://github.com/octo/shop.git',
      'file:///srv/git/shop.git',
      '/srv/git/shop.git',
      'octo/shop/extra',
      'octo',
      '',
      'not a url',
    ]) {
      expect(parseGitHubRemote(url), url).toBeNull();
    }
  });
});

describe('githubCommitUrl', () => {
  it('links a commit of a GitHub remote, whatever form the remote has', () => {
    const expected = `https://github.com/octo/shop/commit/${SHA}`;
    expect(githubCommitUrl('git@github.com:octo/shop.git', SHA)).toBe(expected);
    expect(githubCommitUrl('https://github.com/octo/shop', SHA.toUpperCase())).toBe(expected);
    expect(githubCommitUrl('octo/shop', 'abc1234')).toBe('https://github.com/octo/shop/commit/abc1234');
  });

  it('is null for a non-GitHub remote or something that is not a sha', () => {
    expect(githubCommitUrl('https://gitlab.com/octo/shop.git', SHA)).toBeNull();
    expect(githubCommitUrl('https://github.com/octo/shop.git', 'main')).toBeNull();
    expect(githubCommitUrl('https://github.com/octo/shop.git', '../../settings')).toBeNull();
  });
});
