/** Name pools for believable (fictional) people and companies, per country. */

export interface CountryNames {
  first: readonly string[];
  last: readonly string[];
  sectors: readonly string[];
  /** Legal forms with the share of companies using them. */
  legal: readonly (readonly [string, number])[];
  places: readonly string[];
  /** How a company name is put together from a surname, a sector and a place. */
  patterns: readonly ((last: string, sector: string, place: string) => string)[];
}

const DUTCH_FIRST = ['Jan', 'Pieter', 'Sanne', 'Lotte', 'Daan', 'Emma', 'Thijs', 'Anouk', 'Bram', 'Fleur', 'Ruben', 'Sophie', 'Lars', 'Iris', 'Koen', 'Eva', 'Niels', 'Marloes', 'Joost', 'Femke', 'Willem', 'Maaike', 'Sjoerd', 'Ilse', 'Gert', 'Linda', 'Martijn', 'Esther', 'Wouter', 'Karin'];
const DUTCH_LAST = ['de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'Kok', 'Jacobs', 'Vermeulen', 'van Dijk', 'Willems', 'Hoekstra', 'Koster', 'Prins', 'Huisman', 'Kuipers', 'Post', 'Schouten', 'Kramer', 'Veenstra', 'Timmermans', 'Verbeek', 'Groen', 'Scholten'];
const FLEMISH_LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Dupont', 'Van Damme', 'Vandenberghe', 'Hermans', 'Verhoeven', 'Martens', 'Pauwels', 'Desmet'];
const FLEMISH_FIRST = ['Tom', 'Marie', 'Lucas', 'Louise', 'Wout', 'Elise', 'Pieter', 'Hanne', 'Jens', 'Lien', 'Koen', 'Annelies', 'Dries', 'Ine', 'Stijn', 'Sarah', 'Bart', 'Nathalie'];
const GERMAN_FIRST = ['Stefan', 'Anna', 'Jonas', 'Julia', 'Lukas', 'Katrin', 'Michael', 'Sabine', 'Tobias', 'Laura', 'Markus', 'Claudia', 'Florian', 'Nina', 'Andreas', 'Petra'];
const GERMAN_LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause'];
const FRENCH_FIRST = ['Camille', 'Nicolas', 'Claire', 'Julien', 'Manon', 'Thomas', 'Léa', 'Antoine', 'Chloé', 'Mathieu', 'Sophie', 'Pierre', 'Élodie', 'Olivier'];
const FRENCH_LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Fontaine', 'Rousseau', 'Girard', 'Bonnet', 'Mercier'];
const GENERIC_FIRST = ['Anders', 'Mette', 'Piotr', 'Agnieszka', 'Javier', 'Lucía', 'Marco', 'Giulia', 'Lukas', 'Eva', 'Søren', 'Katarzyna'];

const NL_PATTERNS = [
  (l: string, s: string) => `${capital(l)} ${s}`,
  (l: string, s: string) => `${capital(l)} ${s}`,
  (l: string) => `Technisch Bureau ${capital(l)}`,
  (_l: string, s: string, p: string) => `${s} ${p}`,
  (l: string) => `${capital(l)} & Zonen`,
];

export const COUNTRY_NAMES: Readonly<Record<string, CountryNames>> = {
  NL: {
    first: DUTCH_FIRST,
    last: DUTCH_LAST,
    sectors: ['Machinebouw', 'Installatietechniek', 'Metaalbewerking', 'Hydrauliek', 'Elektrotechniek', 'Onderhoud', 'Staalbouw', 'Agritechniek', 'Scheepsbouw', 'Procestechniek', 'Aandrijftechniek', 'Industrieservice'],
    legal: [['B.V.', 0.9], ['V.O.F.', 0.06], ['N.V.', 0.04]],
    places: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'Tilburg', 'Groningen', 'Zwolle', 'Arnhem', 'Nijmegen', 'Breda', 'Den Bosch', 'Delft', 'Leiden', 'Haarlem', 'Almere', 'Enschede', 'Venlo', 'Dordrecht', 'Alkmaar', 'Apeldoorn', 'Helmond', 'Deventer', 'Emmen', 'Zaandam', 'Moerdijk', 'Schiedam'],
    patterns: NL_PATTERNS,
  },
  BE: {
    first: FLEMISH_FIRST,
    last: FLEMISH_LAST,
    sectors: ['Industrie', 'Techniek', 'Maintenance', 'Metaalwerken', 'Hydraulics', 'Elektro', 'Constructie', 'Engineering'],
    legal: [['NV', 0.45], ['BV', 0.4], ['SRL', 0.15]],
    places: ['Antwerpen', 'Gent', 'Brugge', 'Leuven', 'Mechelen', 'Hasselt', 'Genk', 'Kortrijk', 'Liège', 'Charleroi', 'Namur', 'Aalst', 'Geel', 'Zeebrugge'],
    patterns: [(l, s) => `${l} ${s}`, (l, s) => `${l} ${s}`, (_l, s, p) => `${s} ${p}`, (l) => `Ets. ${l}`],
  },
  DE: {
    first: GERMAN_FIRST,
    last: GERMAN_LAST,
    sectors: ['Maschinenbau', 'Anlagenbau', 'Elektrotechnik', 'Hydraulik', 'Metallbau', 'Industrieservice', 'Fördertechnik', 'Antriebstechnik', 'Stahlbau'],
    legal: [['GmbH', 0.7], ['GmbH & Co. KG', 0.25], ['AG', 0.05]],
    places: ['Duisburg', 'Düsseldorf', 'Köln', 'Essen', 'Dortmund', 'Münster', 'Aachen', 'Krefeld', 'Bochum', 'Hamburg', 'Bremen', 'Hannover', 'Frankfurt', 'Stuttgart', 'München', 'Leipzig', 'Mannheim', 'Kassel'],
    patterns: [(l, s) => `${l} ${s}`, (l, s) => `${l} ${s}`, (_l, s, p) => `${s} ${p}`, (l, s, p) => `${p}er ${s} ${l}`],
  },
  FR: {
    first: FRENCH_FIRST,
    last: FRENCH_LAST,
    sectors: ['Mécanique', 'Maintenance Industrielle', 'Électricité', 'Hydraulique', 'Chaudronnerie', 'Automatismes', 'Usinage'],
    legal: [['SAS', 0.65], ['SARL', 0.3], ['SA', 0.05]],
    places: ['Lille', 'Dunkerque', 'Valenciennes', 'Reims', 'Metz', 'Strasbourg', 'Lyon', 'Rouen', 'Amiens', 'Nancy', 'Paris', 'Le Havre'],
    patterns: [(l, s) => `${s} ${l}`, (l, s) => `${s} ${l}`, (_l, s, p) => `${s} de ${p}`, (l) => `Établissements ${l}`],
  },
};

const OTHER_SECTORS = ['Industrial Services', 'Engineering', 'Technik', 'Maintenance', 'Automation', 'Hydraulics'];

/** Countries with few customers get a generic pool and their own legal form. */
export const OTHER_COUNTRIES: Readonly<Record<string, { legal: string; places: readonly string[] }>> = {
  LU: { legal: 'S.à r.l.', places: ['Luxembourg', 'Esch-sur-Alzette', 'Differdange'] },
  AT: { legal: 'GmbH', places: ['Linz', 'Graz', 'Wien', 'Salzburg'] },
  DK: { legal: 'A/S', places: ['Aarhus', 'Odense', 'Esbjerg', 'Aalborg'] },
  PL: { legal: 'Sp. z o.o.', places: ['Poznań', 'Wrocław', 'Gdańsk', 'Katowice'] },
  ES: { legal: 'S.L.', places: ['Bilbao', 'Barcelona', 'Valencia', 'Zaragoza'] },
  IT: { legal: 'S.r.l.', places: ['Milano', 'Torino', 'Bologna', 'Verona'] },
  CH: { legal: 'AG', places: ['Basel', 'Zürich', 'Winterthur'] },
};

export function namesFor(country: string): CountryNames {
  const known = COUNTRY_NAMES[country];
  if (known) return known;
  const other = OTHER_COUNTRIES[country] ?? { legal: 'Ltd', places: ['City'] };
  return {
    first: GENERIC_FIRST,
    last: [...GERMAN_LAST.slice(0, 8), ...DUTCH_LAST.slice(0, 8)],
    sectors: OTHER_SECTORS,
    legal: [[other.legal, 1]],
    places: other.places,
    patterns: [(_l, s, p) => `${p} ${s}`, (l, s) => `${l} ${s}`],
  };
}

/** "van den Berg" leads a company name as "Van den Berg". */
export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** ASCII login part: "van den Berg" → "vandenberg", "Müller" → "muller". */
export function loginPart(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
