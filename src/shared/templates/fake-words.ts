/** Small word lists for the `$random*` built-ins: enough variety for test data, a few KB in all. */

export const FIRST_NAMES = [
  'Alice',
  'Andrei',
  'Ana',
  'Bogdan',
  'Carla',
  'Chen',
  'Daniel',
  'Diana',
  'Elena',
  'Emma',
  'Felix',
  'Fatima',
  'George',
  'Hana',
  'Ioana',
  'Ivan',
  'James',
  'Julia',
  'Karim',
  'Laura',
  'Liam',
  'Maria',
  'Mihai',
  'Noah',
  'Olivia',
  'Pablo',
  'Priya',
  'Radu',
  'Sofia',
  'Tomás',
  'Victor',
  'Yuki'
]

export const LAST_NAMES = [
  'Anderson',
  'Brown',
  'Constantin',
  'Dumitru',
  'Evans',
  'Fischer',
  'García',
  'Gheorghe',
  'Hansen',
  'Ionescu',
  'Jensen',
  'Kowalski',
  'Lee',
  'Martin',
  'Müller',
  'Nguyen',
  'Novak',
  'Olsen',
  'Popescu',
  'Rossi',
  'Schmidt',
  'Silva',
  'Smith',
  'Stan',
  'Tanaka',
  'Walker'
]

export const NAME_PREFIXES = ['Mr.', 'Mrs.', 'Ms.', 'Dr.']
export const NAME_SUFFIXES = ['Jr.', 'Sr.', 'II', 'III', 'PhD']

export const CITIES = [
  'Amsterdam',
  'Athens',
  'Berlin',
  'Bucharest',
  'Cluj-Napoca',
  'Copenhagen',
  'Dublin',
  'Helsinki',
  'Iași',
  'Lisbon',
  'London',
  'Madrid',
  'Milan',
  'Oslo',
  'Paris',
  'Prague',
  'Stockholm',
  'Timișoara',
  'Vienna',
  'Warsaw',
  'Zürich'
]

export const STREETS = [
  'Main Street',
  'Oak Avenue',
  'Park Lane',
  'Church Road',
  'Mill Lane',
  'Station Road',
  'High Street',
  'Victoria Road',
  'Strada Lipscani',
  'Calea Victoriei',
  'Bahnhofstraße'
]

export const COUNTRIES: readonly (readonly [string, string])[] = [
  ['Austria', 'AT'],
  ['Belgium', 'BE'],
  ['Denmark', 'DK'],
  ['France', 'FR'],
  ['Germany', 'DE'],
  ['Ireland', 'IE'],
  ['Italy', 'IT'],
  ['Netherlands', 'NL'],
  ['Norway', 'NO'],
  ['Poland', 'PL'],
  ['Portugal', 'PT'],
  ['Romania', 'RO'],
  ['Spain', 'ES'],
  ['Sweden', 'SE'],
  ['United Kingdom', 'GB'],
  ['United States', 'US']
]

export const COMPANY_WORDS = [
  'Acme',
  'Blue',
  'Bright',
  'Cedar',
  'Delta',
  'Evergreen',
  'Granite',
  'Harbor',
  'Lumen',
  'Maple',
  'Nova',
  'Orbit',
  'Pioneer',
  'Quantum',
  'River',
  'Summit',
  'Vertex'
]
export const COMPANY_NOUNS = [
  'Bank',
  'Capital',
  'Finance',
  'Insurance',
  'Logistics',
  'Systems',
  'Labs'
]
export const COMPANY_SUFFIXES = ['Ltd', 'LLC', 'Inc', 'Group', 'SA', 'SRL', 'GmbH']

export const DOMAIN_SUFFIXES = ['com', 'net', 'org', 'io', 'eu', 'ro', 'de']

export const WORDS = [
  'alpha',
  'amber',
  'anchor',
  'bridge',
  'canvas',
  'cloud',
  'copper',
  'delta',
  'ember',
  'falcon',
  'forest',
  'garden',
  'harbor',
  'island',
  'jasper',
  'kernel',
  'lantern',
  'meadow',
  'nectar',
  'orchid',
  'pepper',
  'quartz',
  'river',
  'saffron',
  'timber',
  'umber',
  'velvet',
  'willow'
]

export const JOB_TITLES = [
  'Account Manager',
  'Analyst',
  'Branch Manager',
  'Business Analyst',
  'Claims Adjuster',
  'Credit Officer',
  'Customer Advisor',
  'Developer',
  'Loan Officer',
  'Product Owner',
  'Risk Manager',
  'Teller',
  'Underwriter'
]

export const CURRENCIES: readonly (readonly [string, string, string])[] = [
  ['EUR', 'Euro', '€'],
  ['USD', 'US Dollar', '$'],
  ['GBP', 'Pound Sterling', '£'],
  ['RON', 'Romanian Leu', 'lei'],
  ['CHF', 'Swiss Franc', 'CHF'],
  ['PLN', 'Zloty', 'zł'],
  ['SEK', 'Swedish Krona', 'kr']
]

export const TRANSACTION_TYPES = ['deposit', 'withdrawal', 'payment', 'invoice', 'transfer']
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday'
]
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
]
export const COLORS = ['red', 'green', 'blue', 'orange', 'purple', 'teal', 'black', 'white', 'gold']
export const LOCALES = ['en', 'ro', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'sv']
export const PRODUCTS = ['Account', 'Card', 'Loan', 'Mortgage', 'Deposit', 'Policy', 'Lease']
