import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import {
  guestLinkProblem,
  parseGuestInvitation,
  parseGuestLink,
  parseGuestEntry,
  parseGuestTicket,
  parseMeetingInfo,
  parseMeetingTicket,
  parseTenantPolicy,
} from './meetings';
import { parseProblem } from './problem';

describe('meetings api', () => {
  it('reads a meeting that can be joined', () => {
    const joinable = {
      available: true,
      reason: null,
      provider: 'jitsi',
      domain: 'meet.example',
      roomName: 'demo-abc',
      running: false,
      abilities: { 'meeting.join': true, 'meeting.moderate': false, 'guestLink.manage': false },
    };
    expect(parseMeetingInfo(joinable)).toEqual(joinable);
  });

  it('reads why a meeting is not available, and rejects unknown reasons', () => {
    const info = parseMeetingInfo({
      available: false,
      reason: 'not-configured',
      provider: null,
      domain: null,
      roomName: null,
      running: false,
      abilities: {},
    });
    expect(info).toMatchObject({ available: false, reason: 'not-configured', domain: null });
    expect(() => parseMeetingInfo({ available: false, reason: 'broken', abilities: {} })).toThrow(ApiError);
    expect(() => parseMeetingInfo({ reason: null, abilities: {} })).toThrow(ApiError);
  });

  it('reads a meeting token', () => {
    const jitsi = {
      provider: 'jitsi',
      domain: 'meet.example',
      roomName: 'r',
      jwt: 'a.b.c',
      expiresAt: 'x',
      moderator: true,
    };
    expect(parseMeetingTicket(jitsi)).toEqual(jitsi);
    const livekit = { ...jitsi, provider: 'livekit', domain: 'wss://video.example' };
    expect(parseMeetingTicket(livekit)).toEqual(livekit);
    expect(() => parseMeetingTicket({ ...jitsi, provider: 'zoom' })).toThrow(ApiError);
    expect(() => parseMeetingTicket({ domain: 'meet.example', roomName: 'r' })).toThrow(ApiError);
  });

  it('reads guest links and their state', () => {
    const link = {
      id: '0b7c1a52-3d4e-4f60-9a8b-2c1d0e9f8a7b',
      name: 'Frau Weber',
      url: 'http://localhost:3000/guest/tok',
      expiresAt: '2026-01-02T00:00:00.000Z',
      revokedAt: null,
      createdBy: 'Anna Amtsrat',
      state: 'valid',
    };
    expect(parseGuestLink(link)).toEqual(link);
    expect(() => parseGuestLink({ ...link, state: 'maybe' })).toThrow(ApiError);
  });

  it('reads what a guest sees before joining, the waiting room’s answer and the ticket once let in', () => {
    expect(
      parseGuestInvitation({ roomTitle: 'Haushalt', tenantName: 'Demo-Behörde', guestName: 'Weber', expiresAt: 'x' }),
    ).toEqual({ roomTitle: 'Haushalt', tenantName: 'Demo-Behörde', guestName: 'Weber', expiresAt: 'x' });
    const admissionId = '5b0c1b1e-4f0a-4c36-9a51-3c6f1f7d2a10';
    const waiting = { state: 'waiting', admissionId, displayName: 'Weber (Gast)' };
    expect(parseGuestEntry(waiting)).toEqual(waiting);
    const ticket = {
      state: 'admitted',
      admissionId,
      provider: 'livekit',
      domain: 'd',
      roomName: 'r',
      jwt: 'j',
      displayName: 'Weber (Gast)',
    };
    expect(parseGuestEntry(ticket)).toEqual(ticket);
    expect(parseGuestTicket(ticket)).toEqual(ticket);
    // A waiting answer without the request's id could never be asked about again.
    expect(() => parseGuestEntry({ state: 'waiting', displayName: 'Weber (Gast)' })).toThrow(ApiError);
    expect(() => parseGuestEntry({ ...ticket, jwt: undefined })).toThrow(ApiError);
  });

  it('reads the tenant policy', () => {
    expect(
      parseTenantPolicy({
        meetings: true,
        guests: false,
        recording: false,
        secondFactor: true,
        abilities: { 'tenant.updatePolicy': true },
      }),
    ).toEqual({
      meetings: true,
      guests: false,
      recording: false,
      secondFactor: true,
      maxUploadMb: null,
      maxUploadMbCeiling: null,
      storage: null,
      abilities: { 'tenant.updatePolicy': true },
    });
    const base = { meetings: true, guests: true, recording: false, secondFactor: false };
    expect(parseTenantPolicy({ ...base, maxUploadMb: 25 }).maxUploadMb).toBe(25);
    expect(parseTenantPolicy({ ...base, maxUploadMb: 25, maxUploadMbCeiling: 512 })).toMatchObject({
      maxUploadMb: 25,
      maxUploadMbCeiling: 512,
    });
    expect(parseTenantPolicy({ ...base, storage: { usedBytes: 5, quotaBytes: null } }).storage).toEqual({
      usedBytes: 5,
      quotaBytes: null,
    });
    expect(() => parseTenantPolicy({ meetings: 'yes', guests: false, recording: false })).toThrow(ApiError);
  });

  it('tells an expired from a revoked and an unknown guest link', () => {
    const failure = (status: number, type?: string) => {
      const problem = parseProblem({ title: 'Gone', status, ...(type ? { type } : {}) }, status);
      return { kind: 'http' as const, status, ...(problem ? { problem } : {}) };
    };
    expect(guestLinkProblem(failure(410, 'https://workspace.example/problems/guest-link-revoked'))).toBe('revoked');
    expect(guestLinkProblem(failure(410, 'https://workspace.example/problems/guest-link-expired'))).toBe('expired');
    expect(guestLinkProblem(failure(403, 'https://workspace.example/problems/admission-declined'))).toBe('declined');
    expect(guestLinkProblem(failure(410, 'https://workspace.example/problems/admission-lapsed'))).toBe('lapsed');
    expect(guestLinkProblem(failure(410))).toBe('expired');
    expect(guestLinkProblem(failure(404))).toBe('unknown');
    expect(guestLinkProblem(failure(409))).toBe('disabled');
    expect(guestLinkProblem(failure(500))).toBe('other');
    expect(guestLinkProblem({ kind: 'network' })).toBe('other');
  });
});
