import { normalisePhone } from '../src/crypto/normalise-phone.ts';
import type { NewValue } from '../src/modules/customers/index.ts';

/**
 * Fictitious customers, each a pure function of its number: the generator writes customer
 * i, and the lookup benchmark rebuilds customer i's keys to search for it, so nothing
 * but the database has to be kept between the two.
 */
export interface SyntheticCustomer {
  readonly id: string;
  readonly given: string;
  readonly surname: string;
  readonly email: string;
  /** E.164, unique per customer. */
  readonly phone: string;
  readonly address: { readonly lines: string; readonly city: string; readonly state: string; readonly zip: string };
  /** Unique per customer. */
  readonly accountNumber: string;
  /** Seven customers in ten gave one, as an intake that asks for it but does not insist would hold. */
  readonly ssnLast4: string | null;
}

/** murmur3's finaliser: a bijection on 32-bit integers, so distinct numbers never collide. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small, fast, seedable generator; quality is ample for picking from lists. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hex8 = (value: number) => value.toString(16).padStart(8, '0');

/** A version-4-shaped UUID whose first 32 bits are a bijection of n: unique for every n below 2^32. */
function customerId(n: number): string {
  const a = hex8(fmix32(n ^ 0x5bd1e995));
  const b = hex8(fmix32(n + 0x1b873593));
  const c = hex8(fmix32(n ^ 0x27d4eb2f));
  const d = hex8(fmix32(n + 0x165667b1));
  const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

// Names are built from syllables so that phonetic blocks stay near what a real registry's
// given names and surnames give (a few thousand codes each), not a handful of huge ones.
// Heads begin and tails begin with a consonant: vowel-initial parts all fold into one
// Double Metaphone 'A' code, which would make a few given-name blocks huge.
// prettier-ignore
const givenHeads = [
  'Ber', 'Car', 'Dan', 'Fer', 'Gil', 'Har', 'Jo', 'Kal', 'Lor', 'Mar', 'Nor', 'Pet', 'Quin', 'Ros', 'Sal', 'Tam', 'Vin',
  'Wil', 'Zor', 'Bren', 'Cor', 'Dor', 'Gwen', 'Hel', 'Jas', 'Kir', 'Lin', 'Mel', 'Nat', 'Pri', 'Ren', 'Sav', 'Tor', 'Vel',
  'Win', 'Bet', 'Cam', 'Dev', 'Fab', 'Hug',
];
// prettier-ignore
const givenTails = [
  'ba', 'da', 'la', 'ma', 'na', 'ra', 'sa', 'ta', 'va', 'bel', 'del', 'len', 'mon', 'ner', 'ric', 'son', 'ton', 'vin', 'wyn',
  'gan', 'kin', 'phy', 'zel', 'tha', 'dric', 'lys',
];
// prettier-ignore
const surnameHeads = [
  'Ab', 'Bal', 'Cal', 'Dun', 'Ed', 'Fal', 'Gar', 'Hol', 'Ing', 'Kel', 'Lam', 'Mor', 'Nel', 'Oak', 'Pen', 'Ran', 'Sel',
  'Tal', 'Van', 'Wes', 'Yar', 'Zim', 'Brom', 'Crag', 'Drak', 'Fen', 'Grim', 'Hask', 'Jur', 'Kro', 'Lund', 'Mack', 'Nash',
  'Pol', 'Rud', 'Sto', 'Thom', 'Ulm', 'Vos', 'Whit',
];
// prettier-ignore
const surnameMiddles = ['', 'er', 'ing', 'en', 'al', 'ow', 'is', 'ad', 'ev', 'om', 'ak', 'ur'];
// prettier-ignore
const surnameTails = [
  'ton', 'son', 'by', 'field', 'ford', 'wick', 'ley', 'man', 'berg', 'stein', 'ski', 'ez', 'ova', 'ard', 'ett', 'ham',
  'more', 'dale', 'ridge', 'worth', 'ic', 'ian', 'os', 'quist',
];
// prettier-ignore
const streetNames = [
  'MAIN', 'OAK', 'PINE', 'MAPLE', 'CEDAR', 'ELM', 'WASHINGTON', 'LAKE', 'HILL', 'PARK', 'LINCOLN', 'JEFFERSON', 'MADISON',
  'FRANKLIN', 'RIVER', 'SPRING', 'WALNUT', 'CHESTNUT', 'SUNSET', 'HIGHLAND', 'CHURCH', 'MILL', 'FOREST', 'MEADOW', 'RIDGE',
  'VALLEY', 'WILLOW', 'BIRCH', 'JACKSON', 'ADAMS', 'MONROE', 'HARRISON', 'CLEVELAND', 'GRANT', 'POPLAR', 'SPRUCE', 'ASPEN',
  'DOGWOOD', 'MAGNOLIA', 'HICKORY', '1ST', '2ND', '3RD', '4TH', '5TH', '6TH', '7TH', '8TH', '9TH', '10TH', '11TH', '12TH',
];
const streetSuffixes = ['ST', 'AVE', 'RD', 'DR', 'LN', 'CT', 'BLVD', 'WAY', 'PL', 'CIR', 'TER', 'PKWY'];
const units = ['APT', 'STE', 'UNIT'];
// prettier-ignore
const cities = [
  'SPRINGFIELD', 'RIVERSIDE', 'FRANKLIN', 'GREENVILLE', 'BRISTOL', 'CLINTON', 'FAIRVIEW', 'SALEM', 'MADISON', 'GEORGETOWN',
  'ARLINGTON', 'ASHLAND', 'DOVER', 'OXFORD', 'JACKSON', 'BURLINGTON', 'MANCHESTER', 'MILTON', 'NEWPORT', 'AUBURN',
];
// The first ZIP digit's usual states, so that a ZIP and its state look alike to a reader.
// prettier-ignore
const statesByZipDigit = [
  ['MA', 'NY', 'CT'], ['NY', 'PA', 'DE'], ['DC', 'MD', 'VA'], ['FL', 'GA', 'AL'], ['OH', 'MI', 'KY'],
  ['IA', 'MN', 'WI'], ['IL', 'MO', 'KS'], ['TX', 'LA', 'OK'], ['CO', 'AZ', 'UT'], ['CA', 'OR', 'WA'],
];
const domains = ['example.com', 'example.org', 'example.net', 'mail.example', 'post.example', 'inbox.example'];
// Real North American area codes: libphonenumber's full metadata refuses unassigned ones.
// prettier-ignore
const areaCodes = [
  201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229, 231, 234, 239,
  240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304, 305, 307, 308, 309, 310, 312,
  313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 330, 334, 336, 337, 339, 347, 352, 360, 361, 386, 401, 402, 404, 405,
  406, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419, 423, 425, 432, 434, 435, 440, 443, 469, 478, 479, 480, 484, 501,
  502, 503, 504, 505, 507, 508, 509, 510, 512, 513, 515, 516, 517, 518, 520, 530, 540, 541, 559, 561, 562, 563, 570, 571,
  573, 574, 580, 585, 586, 601, 602, 603, 605, 606, 607, 608, 609, 610, 612, 614, 615, 616, 617, 618, 619, 620, 623, 626,
  630, 631, 636, 641, 646, 650, 651, 660, 661, 662, 678, 701, 702, 703, 704, 706, 707, 708, 712, 713, 714, 715, 716, 717,
  718, 719, 720, 724, 727, 731, 732, 734, 740, 757, 760, 763, 765, 770, 772, 773, 775, 781, 785, 786, 801, 802, 803, 804,
  805, 806, 808, 810, 812, 813, 814, 815, 816, 817, 818, 828, 830, 831, 832, 843, 845, 847, 850, 856, 858, 859, 860, 863,
  864, 865, 870, 901, 903, 904, 906, 907, 908, 909, 910, 912, 913, 914, 915, 916, 917, 918, 919, 920, 925, 928, 931, 936,
  937, 940, 941, 949, 951, 952, 954, 956, 970, 971, 972, 973, 978, 979, 985, 989,
];

/** ZIPs in use: about one per 300 customers at 10 million, like a national customer base. */
const zipCount = 30_000;

export interface SyntheticCustomers {
  readonly seed: number;
  customer(n: number): SyntheticCustomer;
}

/**
 * Area code and exchange pairs that libphonenumber accepts (exchanges 200–999 less the
 * service codes it refuses). Each customer's number is a distinct slot among all of
 * them, so phone numbers are unique: a phone lookup finds one customer.
 */
function validExchanges(): (readonly [number, number])[] {
  const pairs: (readonly [number, number])[] = [];
  for (const area of areaCodes) {
    for (let exchange = 200; exchange <= 999; exchange++) {
      if (exchange % 100 === 11 || exchange === 555) continue;
      try {
        normalisePhone(`(${area}) ${exchange}-4${String(exchange % 1000).padStart(3, '0')}`);
        pairs.push([area, exchange]);
      } catch {
        // Not a number libphonenumber believes can exist; not one a customer could give.
      }
    }
  }
  return pairs;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A multiplier coprime with `modulus`: n ↦ n·k mod modulus then permutes 0…modulus−1. */
function coprimeNear(modulus: number, start: number): number {
  let k = start;
  while (gcd(k, modulus) !== 1) k++;
  return k;
}

export function syntheticCustomers(seed: number): SyntheticCustomers {
  const exchanges = validExchanges();
  const phoneSlots = exchanges.length * 10_000;
  const phoneStep = coprimeNear(phoneSlots, 1_000_003);
  // 10^8 account numbers; 48,271 is prime and neither 2 nor 5, so coprime with 10^8.
  const accountStep = 48_271;
  return {
    seed,
    customer(n) {
      const next = random(fmix32(n ^ seed) ^ 0x9e3779b9);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const given = pick(givenHeads) + pick(givenTails);
      const surname = pick(surnameHeads) + pick(surnameMiddles) + pick(surnameTails);
      const slot = (n * phoneStep + seed) % phoneSlots;
      const [area, exchange] = exchanges[slot % exchanges.length]!;
      const line = Math.floor(slot / exchanges.length);
      const zipIndex = Math.floor(next() * zipCount);
      const zip = String(1001 + zipIndex * 3).padStart(5, '0');
      const unit = next() < 0.3 ? ` ${pick(units)} ${1 + Math.floor(next() * 400)}` : '';
      const ssn = next() < 0.7 ? String(1 + Math.floor(next() * 9999)).padStart(4, '0') : null;
      return {
        id: customerId(n),
        given,
        surname,
        email: `${given}.${surname}.${n}@${pick(domains)}`.toLowerCase(),
        phone: `+1${area}${exchange}${String(line).padStart(4, '0')}`,
        address: {
          lines: `${1 + Math.floor(next() * 9998)} ${pick(streetNames)} ${pick(streetSuffixes)}${unit}`,
          city: pick(cities),
          state: pick(statesByZipDigit[Number(zip[0])]!),
          zip,
        },
        accountNumber: `AC${String((n * accountStep + seed) % 100_000_000).padStart(8, '0')}`,
        ssnLast4: ssn,
      };
    },
  };
}

/** The customer as the registry's create takes it (NewCustomer.values). */
export function customerValues(c: SyntheticCustomer): NewValue[] {
  return [
    { field: 'customer_name', value: `${c.given} ${c.surname}`, label: 'legal' },
    { field: 'email', value: c.email, label: 'personal' },
    { field: 'phone', value: c.phone, label: 'mobile' },
    { field: 'mailing_address', value: c.address, label: 'home' },
    { field: 'account_number', value: c.accountNumber },
    ...(c.ssnLast4 === null ? [] : [{ field: 'ssn_last4' as const, value: c.ssnLast4 }]),
  ];
}
