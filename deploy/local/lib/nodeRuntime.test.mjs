import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir, versions } from './paths.mjs';
import { runtimeEnv, runtimeHome, runtimeIsCurrent, wantedNode } from './nodeRuntime.mjs';

describe('the Node release the workspace runs on', () => {
  it('is the pinned LTS of versions.json', () => {
    expect(wantedNode()).toBe(versions.node);
    expect(Number(wantedNode().split('.')[0]) % 2).toBe(0);
  });

  it('replaces an older major, and keeps one of the same or a newer major', () => {
    expect(runtimeIsCurrent('20.19.0', '24.22.3')).toBe(false);
    expect(runtimeIsCurrent('22.12.0', '24.22.3')).toBe(false);
    expect(runtimeIsCurrent('24.0.0', '24.22.3')).toBe(true);
    expect(runtimeIsCurrent('26.1.0', '24.22.3')).toBe(true);
  });

  it('is unpacked per version, platform and architecture inside .cache', () => {
    expect(runtimeHome('24.22.3', 'linux', 'x64')).toBe(path.join(cacheDir, 'node-24.22.3-linux-x64'));
  });

  it('comes first on the PATH of every child and gives node-gyp its headers', () => {
    const env = runtimeEnv('/opt/n', { PATH: '/usr/bin:/bin', HOME: '/root', npm_config_nodedir: '/usr' });
    expect(env.PATH.split(path.delimiter)).toEqual(['/opt/n/bin', '/usr/bin', '/bin']);
    expect(env.npm_config_nodedir).toBe('/opt/n');
    expect(env.HOME).toBe('/root');
  });
});
