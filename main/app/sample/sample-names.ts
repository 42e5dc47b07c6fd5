import type { ROLES } from '../../domain/roles';
import type { GuestHome } from '../../domain/types';

/**
 * Word lists for the sample tenant (sample.ts). Plain data, no logic: names
 * from many cultures, departments with their job titles, phone and device
 * vocabulary, the outside domains guests and external users come from, and
 * the agents' personas.
 * Domains are Microsoft's fictitious company names (Fabrikam, Northwind...)
 * or consumer mail providers; phone numbers use the 555-01xx / 7946 0xxx
 * ranges reserved for fiction.
 */

export const FIRST_NAMES: readonly string[] = [
  // English-speaking
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Emma', 'Anthony', 'Margaret', 'Mark', 'Sandra',
  'Olivia', 'Ethan', 'Grace', 'Noah', 'Hannah', 'Liam', 'Chloe', 'Ryan', 'Zoë', 'Keanu',
  // Spanish, Portuguese, Latin American
  'José', 'María', 'Carlos', 'Lucía', 'Javier', 'Sofía', 'Alejandro', 'Valentina', 'Diego', 'Camila',
  'Mateo', 'Isabela', 'Andrés', 'Gabriela', 'João', 'Ana', 'Thiago', 'Beatriz', 'Rafael', 'Larissa',
  // French, German, Dutch, Italian
  'Élodie', 'Mathieu', 'Camille', 'Théo', 'Margaux', 'Antoine', 'Jürgen', 'Anja', 'Lukas', 'Katrin',
  'Matthias', 'Lena', 'Stefan', 'Birgit', 'Sanne', 'Daan', 'Femke', 'Bram', 'Giulia', 'Marco',
  'Francesca', 'Luca', 'Chiara', 'Alessandro',
  // Nordic, Irish
  'Søren', 'Astrid', 'Lars', 'Ingrid', 'Mikael', 'Freja', 'Björn', 'Sigrid', 'Siobhán', 'Ciarán',
  'Aoife', 'Niamh',
  // Central and Eastern European, Greek, Turkish
  'Agnieszka', 'Piotr', 'Katarzyna', 'Tomasz', 'Olga', 'Dmitri', 'Anastasia', 'Ivan', 'Milena', 'Nikola',
  'Oksana', 'Taras', 'Zsófia', 'Bence', 'Eleni', 'Yannis', 'Ayşe', 'Mehmet', 'Zeynep', 'Emre',
  // Middle Eastern
  'Omar', 'Fatima', 'Youssef', 'Layla', 'Khalid', 'Amira', 'Hassan', 'Noor', 'Dariush', 'Shirin',
  'Noa', 'Avi',
  // South Asian
  'Priya', 'Arjun', 'Ananya', 'Rahul', 'Deepika', 'Vikram', 'Sanjay', 'Kavya', 'Rohan', 'Meera',
  // East and South-East Asian
  'Wei', 'Mei', 'Jun', 'Xiaoling', 'Hao', 'Yan', 'Zhen', 'Haruto', 'Yui', 'Takeshi',
  'Aiko', 'Kenji', 'Sakura', 'Min-jun', 'Ji-woo', 'Seo-yeon', 'Hyun-woo', 'Minh', 'Linh', 'Thanh',
  'Somchai', 'Ploy', 'Maricel', 'Jomar', 'Putri', 'Budi',
  // African
  'Chinedu', 'Ngozi', 'Kwame', 'Ama', 'Thabo', 'Zanele', 'Amara', 'Oluwaseun', 'Wanjiru', 'Kofi',
  'Abebe', 'Tendai', 'Fatou', 'Moussa',
  // Pacific
  'Aroha', 'Tane', 'Leilani', 'Mele',
];

export const LAST_NAMES: readonly string[] = [
  // English-speaking, Irish
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Moore', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Campbell', 'Mitchell',
  "O'Brien", 'Murphy', 'Kelly', 'Byrne', 'Walsh',
  // Spanish, Portuguese, Latin American
  'Garcia', 'Rodriguez', 'Martinez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
  'Flores', 'Rivera', 'Fernández', 'Ramos', 'Navarro', 'Domínguez', 'Castillo', 'Ortega', 'Vargas', 'Silva',
  'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira', 'Almeida', 'Carvalho',
  // German, French, Dutch, Italian
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Schäfer', 'Koch', 'Wagner',
  'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Rousseau', 'Fontaine', 'Mercier', 'de Vries', 'Jansen',
  'van Dijk', 'Bakker', 'Visser', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo',
  // Nordic
  'Johansson', 'Andersson', 'Nilsson', 'Larsen', 'Jensen', 'Nielsen', 'Hansen', 'Virtanen', 'Korhonen', 'Lindqvist',
  // Central and Eastern European, Greek, Turkish
  'Kowalski', 'Nowak', 'Wiśniewski', 'Wójcik', 'Novák', 'Horváth', 'Popescu', 'Ivanova', 'Petrov', 'Kuznetsov',
  'Shevchenko', 'Kovalenko', 'Papadopoulos', 'Yılmaz', 'Kaya', 'Demir', 'Çelik',
  // Middle Eastern
  'Haddad', 'Khalil', 'Nasser', 'Mansour', 'Rahman', 'Hussein', 'Al-Farsi', 'Cohen', 'Levi', 'Mizrahi',
  'Karimi', 'Tehrani',
  // South Asian
  'Patel', 'Sharma', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Chatterjee', 'Mehta',
  'Rao', 'Desai',
  // East and South-East Asian
  'Wang', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Lin',
  'Tanaka', 'Suzuki', 'Takahashi', 'Watanabe', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Sato', 'Kim', 'Park',
  'Choi', 'Jung', 'Kang', 'Nguyen', 'Tran', 'Pham', 'Le', 'Hoang', 'Reyes', 'Bautista',
  'dela Cruz', 'Santoso', 'Wongsakul',
  // African
  'Okafor', 'Adeyemi', 'Mensah', 'Nkosi', 'Dlamini', 'Mwangi', 'Okonkwo', 'Boateng', 'Tesfaye', 'Diallo',
  'Ndiaye', 'Moyo',
  // Pacific
  'Ngata', 'Kealoha', 'Tupou',
];

export interface DepartmentInfo {
  name: string;
  /** Relative headcount. */
  weight: number;
  /** The first title is the department's manager title. */
  titles: readonly string[];
}

export const DEPARTMENTS: readonly DepartmentInfo[] = [
  { name: 'Sales', weight: 14, titles: ['Sales Manager', 'Account Executive', 'Sales Representative', 'Inside Sales Specialist', 'Retail Manager'] },
  { name: 'Marketing', weight: 8, titles: ['Marketing Manager', 'Marketing Specialist', 'Content Strategist', 'Brand Designer', 'SEO Analyst'] },
  { name: 'Finance', weight: 7, titles: ['Finance Manager', 'Accountant', 'Financial Analyst', 'Payroll Specialist', 'Controller'] },
  { name: 'Engineering', weight: 16, titles: ['Engineering Manager', 'Software Engineer', 'Senior Software Engineer', 'QA Engineer', 'DevOps Engineer', 'Architect'] },
  { name: 'IT', weight: 6, titles: ['IT Manager', 'Systems Administrator', 'Network Engineer', 'Desktop Support Technician', 'Cloud Engineer'] },
  { name: 'HR', weight: 4, titles: ['HR Manager', 'HR Business Partner', 'Recruiter', 'Benefits Specialist'] },
  { name: 'Legal', weight: 3, titles: ['General Counsel', 'Paralegal', 'Corporate Attorney', 'Compliance Officer'] },
  { name: 'Operations', weight: 9, titles: ['Operations Manager', 'Logistics Coordinator', 'Supply Chain Analyst', 'Warehouse Supervisor'] },
  { name: 'Support', weight: 10, titles: ['Support Manager', 'Customer Support Agent', 'Technical Support Engineer', 'Escalation Specialist'] },
  { name: 'Research', weight: 6, titles: ['Research Director', 'Research Scientist', 'Data Scientist', 'Lab Technician'] },
  { name: 'Facilities', weight: 3, titles: ['Facilities Manager', 'Maintenance Technician', 'Office Coordinator', 'Security Officer'] },
  { name: 'Procurement', weight: 3, titles: ['Procurement Manager', 'Buyer', 'Vendor Manager', 'Purchasing Analyst'] },
  { name: 'Product Management', weight: 5, titles: ['Director of Product', 'Product Manager', 'Product Owner', 'UX Researcher'] },
  { name: 'Communications', weight: 2, titles: ['Communications Director', 'PR Specialist', 'Internal Communications Lead'] },
];

/** US area codes of Contoso's offices (Redmond, Seattle, Chicago, New York, San Francisco, Austin). */
export const US_AREA_CODES: readonly string[] = ['425', '206', '312', '646', '415', '512'];

export const DEVICE_NAMES: readonly string[] = [
  'iPhone 15', 'iPhone 15 Pro', 'iPhone 14', 'iPhone 13 mini', 'iPhone SE', 'Pixel 8', 'Pixel 7a',
  'Galaxy S24', 'Galaxy A54', 'OnePlus 12', 'Xperia 10 V', 'moto g84',
];

/** Providers of users' personal (alternate) addresses. */
export const PERSONAL_MAIL_DOMAINS: readonly string[] = [
  'outlook.com', 'gmail.com', 'yahoo.com', 'proton.me', 'hotmail.com', 'icloud.com', 'gmx.de',
];

type Org = { domain: string; label: string };

/** Where outsiders come from: other Entra tenants (guests), Microsoft accounts, Google, External Azure AD organisations. */
export const OUTSIDE_ORGS: Readonly<Record<GuestHome | 'externalAzureAD', readonly Org[]>> = {
  otherTenant: [
    { domain: 'fabrikam.com', label: 'Fabrikam' }, { domain: 'adatum.com', label: 'A. Datum' },
    { domain: 'litwareinc.com', label: 'Litware' }, { domain: 'tailspintoys.com', label: 'Tailspin Toys' },
    { domain: 'wingtiptoys.com', label: 'Wingtip Toys' }, { domain: 'woodgrovebank.com', label: 'Woodgrove Bank' },
    { domain: 'proseware.com', label: 'Proseware' },
  ],
  microsoftAccount: [
    { domain: 'outlook.com', label: 'Outlook.com' }, { domain: 'hotmail.com', label: 'Hotmail' }, { domain: 'live.com', label: 'Live' },
  ],
  google: [{ domain: 'gmail.com', label: 'Gmail' }],
  externalAzureAD: [
    { domain: 'northwind.com', label: 'Northwind' }, { domain: 'adventure-works.com', label: 'Adventure Works' },
    { domain: 'relecloud.com', label: 'Relecloud' },
  ],
};

/** Kinds of generated users and their intended mix (relative weights, normalised over their sum). */
export type SampleKind = 'cloud' | 'syncedManaged' | 'syncedFederated' | GuestHome | 'externalAzureAD';
export const MIX: readonly [SampleKind, number][] = [
  ['cloud', 72], ['syncedManaged', 10], ['syncedFederated', 5],
  ['otherTenant', 3], ['microsoftAccount', 1], ['google', 1], ['externalAzureAD', 3],
];

export const GUEST_TITLES: readonly string[] = [
  'Consultant', 'Partner Engineer', 'Account Manager', 'Contractor', 'Auditor', 'Project Lead',
];

export interface AgentSpec { local: string; given: string; surname: string; title: string }

/** Agents (cloud members of IT): one per role in ROLES; typed by ROLES' keys so a new role cannot be forgotten. */
export const AGENT_FOR_ROLE: Record<keyof typeof ROLES, AgentSpec> = {
  globalAdministrator: { local: 'global.admin', given: 'Allan', surname: 'Deyoung', title: 'IT Director' },
  privilegedAuthenticationAdministrator: { local: 'privauth.admin', given: 'Lynne', surname: 'Robbins', title: 'Senior Identity Engineer' },
  privilegedRoleAdministrator: { local: 'privrole.admin', given: 'Christie', surname: 'Cline', title: 'Identity Governance Lead' },
  userAdministrator: { local: 'user.admin', given: 'Alex', surname: 'Wilber', title: 'User Account Administrator' },
  groupsAdministrator: { local: 'groups.admin', given: 'Miriam', surname: 'Graham', title: 'Collaboration Administrator' },
  authenticationAdministrator: { local: 'auth.admin', given: 'Nestor', surname: 'Wilke', title: 'Identity Engineer' },
  helpdeskAdministrator: { local: 'helpdesk.admin', given: 'Patti', surname: 'Fernandez', title: 'Helpdesk Team Lead' },
  passwordAdministrator: { local: 'password.admin', given: 'Pradeep', surname: 'Gupta', title: 'Service Desk Analyst' },
  directoryReaders: { local: 'directory.reader', given: 'Irvin', surname: 'Sayers', title: 'IT Auditor' },
  guestInviter: { local: 'guest.inviter', given: 'Emily', surname: 'Braun', title: 'Partner Onboarding Coordinator' },
  messageCenterReader: { local: 'message.reader', given: 'Enrico', surname: 'Cattaneo', title: 'Service Change Coordinator' },
  reportsReader: { local: 'reports.reader', given: 'Cameron', surname: 'White', title: 'IT Reporting Analyst' },
  usageSummaryReportsReader: { local: 'usage.reader', given: 'Debra', surname: 'Berger', title: 'Licensing Analyst' },
  userExperienceSuccessManager: { local: 'ux.manager', given: 'Raul', surname: 'Razo', title: 'Digital Adoption Manager' },
  // Resets nobody (Entra's "any other role"); reads the audit, as do the two readers after it.
  securityAdministrator: { local: 'security.admin', given: 'Ben', surname: 'Walters', title: 'Security Analyst' },
  globalReader: { local: 'global.reader', given: 'Gerhart', surname: 'Moller', title: 'IT Compliance Manager' },
  securityReader: { local: 'security.reader', given: 'Lynda', surname: 'Keller', title: 'Security Operations Analyst' },
};

export const ALL_STAFF = 'All Staff';
export const EXTERNAL_GROUP = 'External Collaborators';
export const teamGroup = (department: string): string => `${department} Team`;

export const GROUPS: readonly { name: string; description: string }[] = [
  { name: ALL_STAFF, description: 'Every Contoso employee' },
  ...DEPARTMENTS.map((d) => ({ name: teamGroup(d.name), description: `Members of the ${d.name} department` })),
  { name: 'VPN Users', description: 'Allowed to connect through the corporate VPN' },
  { name: 'Remote Workers', description: 'Employees working mainly from home' },
  { name: 'Managers', description: 'People managers and department heads' },
  { name: EXTERNAL_GROUP, description: 'Guests and partner accounts working with Contoso teams' },
];

/** The people behind SAMPLE_EXAMPLES (sample-size.ts) who are homed in Contoso. */
export const EXAMPLE_MEMBERS = {
  cloudMember: { given: 'Adele', surname: 'Vance', department: 'Sales', jobTitle: 'Retail Manager' },
  syncedManaged: { given: 'Megan', surname: 'Bowen', department: 'Marketing', jobTitle: 'Marketing Manager' },
  syncedFederated: { given: 'Lee', surname: 'Gu', department: 'Sales', jobTitle: 'Partner Account Manager' },
  syncedAdminCount: { given: 'Diego', surname: 'Siciliani', department: 'IT', jobTitle: 'Systems Engineer' },
  passwordNeverExpiresSynced: { given: 'Joni', surname: 'Sherman', department: 'Legal', jobTitle: 'Paralegal' },
  localGuest: { given: 'Grady', surname: 'Archie', department: 'Facilities', jobTitle: 'Contractor' },
  disabled: { given: 'Isaiah', surname: 'Langer', department: 'Sales', jobTitle: 'Sales Representative' },
  locked: { given: 'Johanna', surname: 'Lorenz', department: 'Engineering', jobTitle: 'Software Engineer' },
  unregistered: { given: 'Lidia', surname: 'Holloway', department: 'Finance', jobTitle: 'Accountant' },
} as const;

/** The SAMPLE_EXAMPLES whose accounts live elsewhere; UPN = `${localPart}_${org.domain}#EXT#@contoso.onmicrosoft.com`. */
export const EXAMPLE_OUTSIDERS = {
  guestOtherTenant: {
    kind: 'otherTenant', given: 'Alice', surname: 'Ciccu', localPart: 'alice', org: { domain: 'fabrikam.com', label: 'Fabrikam' },
  },
  guestMicrosoftAccount: {
    kind: 'microsoftAccount', given: 'Bob', surname: 'Kelly', localPart: 'bob.kelly', org: { domain: 'outlook.com', label: 'Outlook.com' },
  },
  guestGoogle: {
    kind: 'google', given: 'Carol', surname: 'Smith', localPart: 'carol.smith', org: { domain: 'gmail.com', label: 'Gmail' },
  },
  externalAzureAD: {
    kind: 'externalAzureAD', given: 'Henrietta', surname: 'Mueller', localPart: 'henrietta.mueller',
    org: { domain: 'northwind.com', label: 'Northwind' },
  },
} as const;
