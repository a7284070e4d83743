/** Word lists for the sample generator: realistic enough that screens look like a real desk. */
export const companyStems = [
  'Acme', 'Northwind', 'Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell',
  'Cyberdyne', 'Soylent', 'Hooli', 'Vandelay', 'Wonka', 'Gringotts', 'Oscorp', 'Aperture', 'Massive', 'Pied Piper',
  'Blue Sun', 'Monarch', 'Zenith', 'Summit', 'Harbor', 'Riverbend', 'Silverline', 'Oakridge', 'Pinecrest', 'Redwood',
  'Brightwater', 'Ironclad', 'Evergreen', 'Lakeside', 'Highland', 'Sunrise', 'Cobalt', 'Granite', 'Meridian', 'Atlas',
];
export const companyTrades = [
  'Logistics', 'Consulting', 'Manufacturing', 'Health', 'Energy', 'Retail', 'Media', 'Foods', 'Insurance', 'Bank',
  'Engineering', 'Pharma', 'Telecom', 'Software', 'Hotels', 'Airlines', 'Motors', 'Textiles', 'Chemicals', 'Labs',
];
export const companyForms = ['GmbH', 'AG', 'Ltd', 'Inc.', 'S.A.', 'B.V.', 'Oy', 'AB', 'LLC', 'S.r.l.'];

export const places: readonly (readonly [city: string, country: string, zipPrefix: string])[] = [
  ['Berlin', 'Germany', '10'], ['Munich', 'Germany', '80'], ['Hamburg', 'Germany', '20'], ['Vienna', 'Austria', '1'],
  ['Zurich', 'Switzerland', '80'], ['Paris', 'France', '75'], ['Lyon', 'France', '69'], ['Madrid', 'Spain', '28'],
  ['Barcelona', 'Spain', '08'], ['Rome', 'Italy', '00'], ['Milan', 'Italy', '20'], ['Amsterdam', 'Netherlands', '10'],
  ['Rotterdam', 'Netherlands', '30'], ['Brussels', 'Belgium', '10'], ['Copenhagen', 'Denmark', '1'], ['Stockholm', 'Sweden', '11'],
  ['Oslo', 'Norway', '01'], ['Helsinki', 'Finland', '00'], ['Warsaw', 'Poland', '00'], ['Prague', 'Czechia', '11'],
  ['Dublin', 'Ireland', 'D0'], ['London', 'United Kingdom', 'EC'], ['Manchester', 'United Kingdom', 'M'], ['Lisbon', 'Portugal', '11'],
  ['New York', 'United States', '10'], ['Chicago', 'United States', '60'], ['Toronto', 'Canada', 'M5'], ['Sydney', 'Australia', '20'],
];
export const streets = ['Main Street', 'Station Road', 'Harbour Way', 'Mill Lane', 'Park Avenue', 'Church Street', 'Market Square', 'Lindenallee', 'Rue de la Paix', 'Via Roma'];
export const firstNames = ['Anna', 'Ben', 'Clara', 'David', 'Eva', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Kira', 'Lars', 'Mia', 'Noah', 'Olga', 'Paul', 'Rosa', 'Sven', 'Tina', 'Umar'];
export const lastNames = ['Schmidt', 'Müller', 'García', 'Rossi', 'Dubois', 'Jansen', 'Nowak', 'Svensson', 'Smith', 'Novák', 'Silva', 'Kowalski', 'Murphy', 'Weber', 'Fischer'];

/** The service tree's first two levels; deeper levels are generated below them. */
export const serviceAreas: readonly (readonly [area: string, children: readonly string[]])[] = [
  ['IT', ['Email', 'Printing', 'Workplace', 'Backup', 'Telephony', 'Storage']],
  ['Network', ['VPN', 'WLAN', 'Firewall', 'DNS', 'Internet Access', 'MPLS']],
  ['Cloud', ['Virtual Servers', 'Kubernetes', 'Object Storage', 'Databases', 'CDN']],
  ['Security', ['Endpoint Protection', 'Identity', 'SIEM', 'Awareness Training', 'Penetration Test']],
  ['Support', ['Service Desk', 'On-site Support', 'Remote Support', 'Onboarding']],
  ['Applications', ['ERP', 'CRM', 'Intranet', 'Document Management', 'Collaboration']],
  ['Facility', ['Access Control', 'Meeting Rooms', 'Parking', 'Catering']],
  ['Reporting', ['Monthly Report', 'SLA Dashboard', 'Capacity Report']],
];
export const leafNames = ['Setup', 'Standard', 'Premium', 'Monitoring', 'Archive', 'Migration', 'Training', 'Consulting', 'Maintenance', 'Extended Hours', 'Disaster Recovery', 'Reporting'];
