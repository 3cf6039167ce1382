import { describe, expect, it } from 'vitest';
import { CARET_COLOURS, afterStatus, closeOutcome, colourFor, isFinal, presentNames } from './connection';

describe('collaboration connection', () => {
  it('reads a revoked access from the close code or the reason', () => {
    expect(closeOutcome({ code: 4403, reason: 'access-revoked' })).toBe('revoked');
    expect(closeOutcome({ code: 4403, reason: '' })).toBe('revoked');
    expect(closeOutcome({ code: 1000, reason: 'access-revoked' })).toBe('revoked');
    expect(closeOutcome({ code: 1000, reason: 'Forbidden' })).toBe('revoked');
    expect(closeOutcome({ code: 4401, reason: 'unauthorized' })).toBe('revoked');
  });

  it('ends the connection when the document or a message is too large, instead of sending it again', () => {
    expect(closeOutcome({ code: 4413, reason: 'document-too-large' })).toBe('too-large');
    expect(closeOutcome({ code: 1000, reason: 'document-too-large' })).toBe('too-large');
    expect(closeOutcome({ code: 1009, reason: '' })).toBe('too-large');
    expect(isFinal('tooLarge')).toBe(true);
    expect(afterStatus('tooLarge', 'connected')).toBe('tooLarge');
  });

  it('reconnects after any other close', () => {
    expect(closeOutcome({ code: 1006, reason: '' })).toBe('reconnect');
    expect(closeOutcome({ code: 1001, reason: 'going away' })).toBe('reconnect');
    expect(closeOutcome({ code: 1001, reason: 'server-shutdown' })).toBe('reconnect');
  });

  it('goes offline when a working connection drops, and stays ended once access ended', () => {
    expect(afterStatus('connecting', 'connected')).toBe('connected');
    expect(afterStatus('connected', 'disconnected')).toBe('offline');
    expect(afterStatus('connected', 'connecting')).toBe('offline');
    expect(afterStatus('connecting', 'connecting')).toBe('connecting');
    expect(afterStatus('offline', 'connected')).toBe('connected');
    expect(afterStatus('revoked', 'connected')).toBe('revoked');
    expect(afterStatus('denied', 'connecting')).toBe('denied');
    expect(isFinal('revoked')).toBe(true);
    expect(isFinal('offline')).toBe(false);
  });

  it('gives each person one steady colour', () => {
    expect(colourFor('person-1')).toBe(colourFor('person-1'));
    expect(CARET_COLOURS).toContain(colourFor('person-2'));
  });

  it('lists the other people once each', () => {
    const states = [
      { clientId: 1, user: { id: 'me', name: 'Anna' } },
      { clientId: 2, user: { id: 'b', name: 'Bernd' } },
      { clientId: 3, user: { id: 'b', name: 'Bernd' } },
      { clientId: 4, user: { id: 'c', name: 'Carla' } },
      { clientId: 5 },
    ];
    expect(presentNames(states, 1)).toEqual(['Bernd', 'Carla']);
  });
});
