import { describe, expect, it } from 'vitest';
import { versionsOffer } from './versionActions';

const writer = { 'document.read': true, 'document.write': true };
const reader = { 'document.read': true, 'document.write': false };

describe('versionsOffer', () => {
  it('lets writers save, restore and compare text versions, with no downloads or sizes', () => {
    const offer = versionsOffer({ kind: 'text', abilities: writer });
    expect(offer.save).toBe(true);
    expect(offer.sizes).toBe(false);
    expect(offer.actions({ current: false })).toEqual({ download: false, restore: true, compare: true });
    expect(offer.actions({ current: true })).toEqual({ download: false, restore: false, compare: false });
  });

  it('lets readers of a text document compare its versions, nothing more', () => {
    const offer = versionsOffer({ kind: 'text', abilities: reader });
    expect(offer.save).toBe(false);
    expect(offer.actions({ current: false })).toEqual({ download: false, restore: false, compare: true });
  });

  it('keeps files as they were: downloads for everyone, restore for writers, no saving', () => {
    const offer = versionsOffer({ kind: 'file', abilities: writer });
    expect(offer.save).toBe(false);
    expect(offer.sizes).toBe(true);
    expect(offer.actions({ current: false })).toEqual({ download: true, restore: true, compare: false });
    expect(versionsOffer({ kind: 'file', abilities: reader }).actions({ current: false })).toEqual({
      download: true,
      restore: false,
      compare: false,
    });
  });
});
