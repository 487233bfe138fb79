import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../core/catalog.js';
import { matchSensitiveName, splitWords } from './name-words.js';
import { loadVocabulary } from './vocabulary.js';

const vocabulary = loadVocabulary(loadCatalog(), []);
const termOf = (name: string) => matchSensitiveName(name, vocabulary)?.term.id;

describe('splitWords', () => {
  it.each([
    ['accessToken', ['access', 'token']],
    ['access_token', ['access', 'token']],
    ['ACCESS-TOKEN', ['access', 'token']],
    ['IPAddress', ['ip', 'address']],
    ['userIP', ['user', 'ip']],
    ['x-forwarded-for', ['x', 'forwarded', 'for']],
    ['cvv2', ['cvv2']],
  ])('%s', (name, words) => {
    expect(splitWords(name)).toEqual(words);
  });
});

describe('matchSensitiveName', () => {
  it.each([
    ['password', 'password'],
    ['newPassword', 'password'],
    ['passwordHash', 'password'],
    ['refreshToken', 'token'],
    ['passwordResetToken', 'token'],
    ['tokens', 'token'],
    ['apiKey', 'api-key'],
    ['secretAccessKey', 'api-key'],
    ['jwtSecret', 'secret'],
    ['authorizationHeader', 'auth-header'],
    ['set-cookie', 'auth-header'],
    ['sessionId', 'session-id'],
    ['creditCardNumber', 'card'],
    ['cvv', 'card-security-code'],
    ['iban', 'bank-account'],
    ['ssn', 'national-id'],
    ['userEmail', 'email'],
    ['email_address', 'email'],
    ['emails', 'email'],
    ['eMail', 'email'],
    ['phoneNumber', 'phone'],
    ['address', 'address'],
    ['billingAddress', 'postal-address'],
    ['firstName', 'person-name'],
    ['dateOfBirth', 'birth-date'],
    ['clientIp', 'ip-address'],
    ['remoteAddress', 'ip-address'],
    ['latitude', 'location'],
    ['user', 'person-record'],
  ])('%s is %s', (name, id) => {
    expect(termOf(name)).toBe(id);
  });

  // The look-alikes and their cousins: a word after the term that is not a suffix, or a flag,
  // count or cursor word before it, makes the name about something else.
  it.each([
    // One-way or encrypted forms, and values meant to be public (corpus review, test/corpus/verdicts.yml).
    'hashedPassword',
    'encryptedToken',
    'publishableApiKey',
    'storefrontToken',
    'emailVerified',
    'tokenExpiresAt',
    'passwordResetSentAt',
    'hasPassword',
    'isEmailSent',
    'numTokens',
    'tokenCount',
    'tokenType',
    'tokenId',
    'nextPageToken',
    'cancellationToken',
    'secretName',
    'emailTemplate',
    'serverAddress',
    'walletAddress',
    'ipVersion',
    'userId',
    'username',
    'name',
    'latency',
    'tokenizer',
    'passwordPolicy',
    'emailHash',
    'tokenHash',
  ])('%s is not sensitive', (name) => {
    expect(termOf(name)).toBeUndefined();
  });

  it('prefers the longest term, and a credential at equal length', () => {
    expect(matchSensitiveName('emailAddress', vocabulary)?.matched).toEqual(['email', 'address']);
    expect(matchSensitiveName('ipAddress', vocabulary)?.term.id).toBe('ip-address');
  });
});
