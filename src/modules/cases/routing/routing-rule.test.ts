import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';
import { foldWords, routeCase, ruleMatches, type RoutingInput, type RoutingRule } from './routing-rule.ts';

const input = (over: Partial<RoutingInput> = {}): RoutingInput => ({
  channel: 'email',
  category: null,
  customerType: 'person',
  title: 'Where is my package?',
  body: 'It was due on Monday.',
  language: 'en',
  ...over,
});
const rule = (id: string, conditions: RoutingRule['conditions'], enabled = true): RoutingRule => ({
  id,
  name: id,
  enabled,
  conditions,
  actions: { businessArea: id },
});

describe('routing rules', () => {
  it('match on every given condition, any listed value of each', () => {
    expect(ruleMatches({}, input())).toBe(true);
    expect(ruleMatches({ channels: ['fax', 'email'] }, input())).toBe(true);
    expect(ruleMatches({ channels: ['fax'] }, input())).toBe(false);
    expect(ruleMatches({ channels: ['email'], customerTypes: ['organisation'] }, input())).toBe(false);
    expect(ruleMatches({ categories: ['claims'] }, input({ category: 'claims' }))).toBe(true);
    expect(ruleMatches({ categories: ['claims'] }, input())).toBe(false);
    expect(ruleMatches({ languages: ['es'] }, input({ language: null }))).toBe(false);
  });

  it('find words and phrases whole, in any case or accent, in the title or the body', () => {
    expect(ruleMatches({ words: ['PACKAGE'] }, input())).toBe(true);
    expect(ruleMatches({ words: ['due on monday'] }, input())).toBe(true);
    expect(ruleMatches({ words: ['pack'] }, input())).toBe(false);
    expect(ruleMatches({ words: ['resume'] }, input({ body: 'Mon résumé est perdu' }))).toBe(true);
    expect(foldWords('  Hello,   WORLD! ')).toBe(' hello world ');
  });

  it('fire the first enabled matching rule, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ channel: fc.constantFrom('email', 'fax', 'phone'), enabled: fc.boolean() }), { maxLength: 8 }),
        fc.constantFrom('email', 'fax', 'phone'),
        (specs, channel) => {
          const rules = specs.map((s, i) => rule(`r${i}`, { channels: [s.channel as 'email'] }, s.enabled));
          const decision = routeCase(rules, input({ channel: channel as 'email' }));
          const expected = rules.find((r) => r.enabled && r.conditions.channels![0] === channel);
          expect(decision.rule?.id ?? null).toBe(expected?.id ?? null);
          expect(decision.actions).toEqual(expected ? { businessArea: expected.id } : {});
        },
      ),
    );
  });
});

describe('detectLanguage', () => {
  it('tells common languages apart and declines to guess on too little text', () => {
    expect(detectLanguage('Hello, my package was not delivered and I have the receipt for it')).toBe('en');
    expect(detectLanguage('Hola, mi paquete no ha llegado y tengo el recibo para la entrega')).toBe('es');
    expect(detectLanguage('Bonjour, mon colis est perdu et je ne sais pas pour la livraison')).toBe('fr');
    expect(detectLanguage('Hallo, mein Paket ist nicht angekommen und ich bin sehr traurig, danke')).toBe('de');
    expect(detectLanguage('Package lost')).toBeNull();
  });
});
