import { describe, expect, it } from 'vitest';
import { namesMatch } from './names-match.ts';

describe('namesMatch', () => {
  it('matches a person by first and last name, whatever the case, accents and middle names', () => {
    expect(namesMatch('individual', 'ottoline brackenbury', 'Ottoline Brackenbury')).toBe(true);
    expect(namesMatch('individual', 'Ottoline M. Brackenbury', 'Ottoline Brackenbury')).toBe(true);
    expect(namesMatch('individual', 'José Núñez', 'Jose Nunez')).toBe(true);
    expect(namesMatch('individual', 'Otto Brackenbury', 'Ottoline Brackenbury')).toBe(false);
    expect(namesMatch('individual', 'Ottoline Smith', 'Ottoline Brackenbury')).toBe(false);
  });

  it('matches a family by its last name', () => {
    expect(namesMatch('family', 'The Brackenbury Family', 'Ottoline Brackenbury')).toBe(true);
    expect(namesMatch('family', 'Brackenbury', 'Ottoline Brackenbury')).toBe(true);
    expect(namesMatch('family', 'The Smith Family', 'Ottoline Brackenbury')).toBe(false);
  });

  it('matches a business whatever its legal form', () => {
    expect(namesMatch('business', 'Acme Widgets, Inc.', 'ACME WIDGETS LLC')).toBe(true);
    expect(namesMatch('business', 'Acme Gadgets', 'Acme Widgets')).toBe(false);
    expect(namesMatch('business', 'Inc.', 'Inc')).toBe(false);
  });

  it('never matches an empty name', () => {
    expect(namesMatch('individual', '...', 'Ottoline Brackenbury')).toBe(false);
    expect(namesMatch('individual', 'Ottoline Brackenbury', '')).toBe(false);
  });
});
