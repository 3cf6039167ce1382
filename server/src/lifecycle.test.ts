import { describe, expect, it } from 'vitest';
import { createLifecycle } from './lifecycle.js';

describe('the lifecycle', () => {
  const recorder = () => {
    const events: string[] = [];
    const part = (name: string, stop: () => Promise<void> = () => Promise.resolve()) => ({
      name,
      start: () => {
        events.push(`start ${name}`);
      },
      stop: async () => {
        await stop();
        events.push(`stop ${name}`);
      },
    });
    return { events, part };
  };

  it('starts parts in order and stops them in reverse, each after the later one has stopped', async () => {
    const { events, part } = recorder();
    const lifecycle = createLifecycle(() => undefined);
    lifecycle.add(part('database'));
    // The worker takes a while to finish its running job: the database must wait for it.
    lifecycle.add(part('worker', () => new Promise((resolve) => setTimeout(resolve, 20))));
    lifecycle.add(part('server'));
    await lifecycle.start();
    await lifecycle.stop();
    expect(events).toEqual([
      'start database',
      'start worker',
      'start server',
      'stop server',
      'stop worker',
      'stop database',
    ]);
  });

  it('stops the others when one fails to stop, reports it, and stops once', async () => {
    const { events, part } = recorder();
    const failed: string[] = [];
    const lifecycle = createLifecycle((name) => failed.push(name));
    lifecycle.add(part('database'));
    lifecycle.add(part('watcher', () => Promise.reject(new Error('stuck'))));
    lifecycle.add(part('server'));
    await lifecycle.start();
    await Promise.all([lifecycle.stop(), lifecycle.stop()]);
    expect(failed).toEqual(['watcher']);
    expect(events).toEqual(['start database', 'start watcher', 'start server', 'stop server', 'stop database']);
  });

  it('stops only what has started', async () => {
    const { events, part } = recorder();
    const lifecycle = createLifecycle(() => undefined);
    lifecycle.add(part('database'));
    lifecycle.add({
      name: 'server',
      start: () => Promise.reject(new Error('port in use')),
      stop: () => {
        events.push('stop server');
      },
    });
    await expect(lifecycle.start()).rejects.toThrow('port in use');
    await lifecycle.stop();
    expect(events).toEqual(['start database', 'stop database']);
  });
});
