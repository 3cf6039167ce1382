import { describe, expect, it } from 'vitest';
import { belongsToTenantDomains, emailDomain, usernameFromEmail, usernamePattern } from './personRules.js';

describe('person rules', () => {
  it.each([
    ['Jörg.Müller@Amt.Example.org', 'jorg.muller'],
    ['anna-maria+test@amt.example', 'anna-maria.test'],
    ['Weiß@amt.example', 'weiss'],
  ])('derives a sign-in name from %s', (email, expected) => {
    expect(usernameFromEmail(email)).toBe(expected);
    expect(usernamePattern.test(expected)).toBe(true);
  });

  it('reads the domain of an address and rejects what is not one', () => {
    expect(emailDomain('a@Amt.Example')).toBe('amt.example');
    expect(emailDomain('no-at-sign')).toBeUndefined();
    expect(emailDomain('a@localhost')).toBeUndefined();
    expect(emailDomain('a b@amt.example')).toBeUndefined();
  });

  it('checks the tenant domains', () => {
    expect(belongsToTenantDomains('x@amt.example', ['amt.example'])).toBe(true);
    expect(belongsToTenantDomains('x@evil.example', ['amt.example'])).toBe(false);
    expect(belongsToTenantDomains('x@sub.amt.example', ['amt.example'])).toBe(false);
  });
});
