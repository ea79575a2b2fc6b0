/**
 * The two demo organisations: a city agency serving constituents, and a utility with business and
 * residential customers. Everything the generator makes hangs off these descriptions.
 */
import type { CaseField } from '../../shared/domain/caseType';
import { csmLifecycle, publicServiceLifecycle, type Lifecycle } from '../../shared/domain/caseLifecycle';
import type { Channel, Role } from '../../shared/domain/vocab';
import type { Random } from './random';

export type StaffSpec = { username: string; name: string; title: string; roles: Role[]; groups: string[]; skills: string[]; isExternal?: boolean; manages?: string[] };
export type CaseTypeSpec = {
  key: string;
  name: string;
  description: string;
  lifecycle: Lifecycle;
  fields: CaseField[];
  resolutionCodes: string[];
  defaultPriority: number;
  /** How often this type occurs among the organisation's cases. */
  weight: number;
  group: string;
  channels: Channel[];
  products: string[];
  services: string[];
  subjects: readonly string[];
  comments: readonly string[];
  workNotes: readonly string[];
  customFields: (r: Random) => Record<string, string | number | boolean | null>;
  /** Share of cases of this type that get a field task or work order. */
  taskShare: number;
  taskKind: 'work_order' | 'inspection' | 'task';
  /** Skills (by name) a case of this type asks of whoever works it. */
  skills: readonly string[];
};
export type OrgSpec = {
  key: 'city' | 'utility';
  name: string;
  kind: 'agency' | 'company';
  timeZone: string;
  prefix: string;
  emailDomain: string;
  /** Share of cases from businesses (accounts and contacts) rather than consumers. */
  businessShare: number;
  caseShare: number;
  serviceOrgs: readonly (readonly [string, string, 'department' | 'branch' | 'call_center' | 'field_service' | 'partner' | 'back_office'])[];
  locations: readonly (readonly [string, string, 'office' | 'depot' | 'service_center' | 'site' | 'warehouse', string])[];
  groups: readonly (readonly [string, string, 'assignment' | 'field' | 'approval', string])[];
  skills: readonly string[];
  staff: readonly StaffSpec[];
  productModels: readonly (readonly [string, string, 'hardware' | 'software' | 'service' | 'permit' | 'benefit' | 'infrastructure', string])[];
  caseTypes: readonly CaseTypeSpec[];
};

const text = (key: string, label: string, required = false): CaseField => ({ key, label, type: 'text', required, maxLength: 400 });
const num = (key: string, label: string, min: number | null, max: number | null, required = false): CaseField => ({ key, label, type: 'number', required, min, max });
const choice = (key: string, label: string, choices: string[], required = false): CaseField => ({ key, label, type: 'choice', required, choices });
const flag = (key: string, label: string): CaseField => ({ key, label, type: 'boolean', required: false });
const date = (key: string, label: string): CaseField => ({ key, label, type: 'date', required: false });

export const demoPassword = 'caseway-demo';

export const cityOrg: OrgSpec = {
  key: 'city',
  name: 'City of Riverton',
  kind: 'agency',
  timeZone: 'Australia/Sydney',
  prefix: 'PSC',
  emailDomain: 'riverton.gov.example',
  businessShare: 0.2,
  caseShare: 0.45,
  serviceOrgs: [
    ['contact', 'Riverton Contact Centre', 'call_center'],
    ['works', 'Roads & Infrastructure', 'department'],
    ['planning', 'Planning & Building', 'department'],
    ['community', 'Community Services', 'department'],
  ],
  locations: [
    ['hall', 'Civic Centre', 'office', 'contact'],
    ['depot', 'Northbank Works Depot', 'depot', 'works'],
    ['planning', 'Planning Counter, Level 2', 'service_center', 'planning'],
    ['hub', 'Eastgate Community Hub', 'service_center', 'community'],
  ],
  groups: [
    ['contact', 'Contact Centre', 'assignment', 'contact'],
    ['roads', 'Roads & Footpaths', 'assignment', 'works'],
    ['crews', 'Road Maintenance Crews', 'field', 'works'],
    ['permits', 'Building Permits', 'assignment', 'planning'],
    ['inspect', 'Building Inspections', 'field', 'planning'],
    ['benefits', 'Benefits & Support', 'assignment', 'community'],
    ['review', 'Merit Review Panel', 'approval', 'planning'],
  ],
  skills: ['Roads', 'Building code', 'Benefits eligibility', 'Mandarin', 'Vietnamese', 'Arabic', 'Complaints handling', 'Heavy vehicle licence'],
  staff: [
    { username: 'riv.admin', name: 'Morgan Blake', title: 'Systems Administrator', roles: ['administrator'], groups: [], skills: [] },
    { username: 'riv.supervisor', name: 'Dana Whitfield', title: 'Contact Centre Team Leader', roles: ['supervisor'], groups: ['contact', 'roads', 'benefits'], skills: ['Complaints handling'], manages: ['contact', 'roads', 'benefits'] },
    { username: 'riv.agent', name: 'Ana Lopez', title: 'Customer Service Officer', roles: ['agent'], groups: ['contact', 'roads'], skills: ['Roads', 'Complaints handling'] },
    { username: 'riv.tech', name: 'Tom Hughes', title: 'Road Maintenance Technician', roles: ['field_technician'], groups: ['crews'], skills: ['Roads', 'Heavy vehicle licence'] },
    { username: 'riv.stakeholder', name: 'Priya Raman', title: 'Manager, Building Approvals', roles: ['business_stakeholder'], groups: ['review'], skills: ['Building code'] },
    { username: 'riv.partner', name: 'Kofi Mensah', title: 'Asphalt Contractor (Bluewater Civil)', roles: ['contributor'], groups: [], skills: ['Roads'], isExternal: true },
    { username: 'liam.chen', name: 'Liam Chen', title: 'Customer Service Officer', roles: ['agent'], groups: ['contact', 'benefits'], skills: ['Mandarin', 'Benefits eligibility'] },
    { username: 'sofia.rossi', name: 'Sofia Rossi', title: 'Customer Service Officer', roles: ['agent'], groups: ['contact', 'roads'], skills: ['Roads'] },
    { username: 'hanh.tran', name: 'Hanh Tran', title: 'Customer Service Officer', roles: ['agent'], groups: ['contact', 'benefits'], skills: ['Vietnamese', 'Benefits eligibility'] },
    { username: 'omar.haddad', name: 'Omar Haddad', title: 'Benefits Officer', roles: ['agent'], groups: ['benefits'], skills: ['Arabic', 'Benefits eligibility'] },
    { username: 'grace.kelly', name: 'Grace Kelly', title: 'Building Surveyor', roles: ['agent'], groups: ['permits'], skills: ['Building code'] },
    { username: 'james.walker', name: 'James Walker', title: 'Planning Officer', roles: ['agent'], groups: ['permits'], skills: ['Building code'] },
    { username: 'ruby.harris', name: 'Ruby Harris', title: 'Permits Team Leader', roles: ['supervisor', 'agent'], groups: ['permits', 'inspect', 'review'], skills: ['Building code'], manages: ['permits', 'inspect'] },
    { username: 'ethan.ryan', name: 'Ethan Ryan', title: 'Building Inspector', roles: ['field_technician'], groups: ['inspect'], skills: ['Building code'] },
    { username: 'mia.patel', name: 'Mia Patel', title: 'Building Inspector', roles: ['field_technician'], groups: ['inspect'], skills: ['Building code'] },
    { username: 'jack.murphy', name: 'Jack Murphy', title: 'Road Maintenance Technician', roles: ['field_technician'], groups: ['crews'], skills: ['Roads'] },
    { username: 'noah.king', name: 'Noah King', title: 'Roads Officer', roles: ['agent'], groups: ['roads'], skills: ['Roads'] },
    { username: 'elena.novak', name: 'Elena Novak', title: 'Works Supervisor', roles: ['supervisor'], groups: ['roads', 'crews'], skills: ['Roads'], manages: ['crews'] },
    { username: 'ahmed.ali', name: 'Ahmed Ali', title: 'Merit Reviewer', roles: ['business_stakeholder'], groups: ['review'], skills: ['Building code'] },
  ],
  productModels: [
    ['road', 'Local road segment', 'infrastructure', 'City of Riverton'],
    ['footpath', 'Footpath segment', 'infrastructure', 'City of Riverton'],
    ['light', 'LED street light', 'hardware', 'Lumina'],
    ['permit_res', 'Residential building permit', 'permit', 'City of Riverton'],
    ['permit_com', 'Commercial building permit', 'permit', 'City of Riverton'],
    ['rebate', 'Pensioner rates rebate', 'benefit', 'City of Riverton'],
    ['hardship', 'Hardship assistance', 'benefit', 'City of Riverton'],
  ],
  caseTypes: [
    {
      key: 'pothole_report', skills: ['Roads'], name: 'Pothole report', description: 'A pothole or road surface defect reported by a constituent.', lifecycle: publicServiceLifecycle,
      fields: [text('locationDetail', 'Location detail', true), choice('severity', 'Severity', ['minor', 'moderate', 'severe'], true), flag('hazardToTraffic', 'Hazard to traffic'), num('depthCm', 'Depth (cm)', 0, 200)],
      resolutionCodes: ['Repaired', 'Temporary repair', 'Not council road', 'Void/Cancelled, Duplicate Issue', 'No defect found'], defaultPriority: 3, weight: 4, group: 'roads', channels: ['phone', 'portal', 'email', 'walk_in'],
      products: ['road', 'footpath'], services: ['Report a pothole', 'Report a damaged footpath'],
      subjects: ['Pothole on {street}, {suburb}', 'Deep pothole near the school on {street}', 'Road surface breaking up on {street}', 'Cracked footpath outside {number} {street}', 'Pothole reopened after repair on {street}'],
      comments: ['Thank you for your report. A crew will inspect the site within 5 business days.', 'Our crew has made the site safe and scheduled a permanent repair.', 'The repair is complete. Please let us know if the problem returns.', 'Could you send a photo of the pothole and the nearest house number?'],
      workNotes: ['Crew confirmed: patch with cold mix, full repair next resurfacing run.', 'Checked asset register: segment is council-owned.', 'Duplicate of an earlier report on the same segment.', 'Traffic control needed, booked for Tuesday.'],
      customFields: (r) => ({ locationDetail: `Outside number ${r.int(1, 200)}`, severity: r.pick(['minor', 'moderate', 'severe']), hazardToTraffic: r.chance(0.3), depthCm: r.int(2, 30) }),
      taskShare: 0.6, taskKind: 'work_order',
    },
    {
      key: 'building_permit', skills: ['Building code'], name: 'Building permit application', description: 'An application for a residential or commercial building permit.', lifecycle: publicServiceLifecycle,
      fields: [text('parcelId', 'Parcel ID', true), choice('permitType', 'Permit type', ['new dwelling', 'extension', 'pool', 'demolition', 'commercial fit-out'], true), num('projectValue', 'Project value (AUD)', 0, 100_000_000, true), date('plannedStart', 'Planned start'), flag('heritageListed', 'Heritage listed')],
      resolutionCodes: ['Approved', 'Approved with conditions', 'Refused', 'Withdrawn', 'Void/Cancelled, Duplicate Issue'], defaultPriority: 3, weight: 2, group: 'permits', channels: ['portal', 'email', 'walk_in'],
      products: ['permit_res', 'permit_com'], services: ['Apply for a residential building permit', 'Apply for a commercial building permit'],
      subjects: ['Permit application: {permit} at {number} {street}', 'Building permit for {permit}, {suburb}', 'Amended plans for {permit} at {street}'],
      comments: ['We have received your application and started the intake check.', 'Please upload the structural engineering certificate.', 'Your application has passed merit review.', 'An inspection has been booked for next week.'],
      workNotes: ['Intake check done; documents complete.', 'Setback on the eastern boundary needs a variation.', 'Referred to merit review panel.', 'Heritage overlay applies; consult heritage officer.'],
      customFields: (r) => ({ parcelId: `LOT-${r.int(1000, 9999)}-DP${r.int(10000, 99999)}`, permitType: r.pick(['new dwelling', 'extension', 'pool', 'demolition', 'commercial fit-out']), projectValue: r.int(15, 4000) * 1000, plannedStart: `2027-0${r.int(1, 9)}-1${r.int(0, 9)}`, heritageListed: r.chance(0.1) }),
      taskShare: 0.5, taskKind: 'inspection',
    },
    {
      key: 'benefits_inquiry', skills: ['Benefits eligibility'], name: 'Benefits inquiry', description: 'A question or application about rebates and hardship assistance.', lifecycle: csmLifecycle,
      fields: [choice('program', 'Program', ['pensioner rebate', 'hardship assistance', 'concession card'], true), num('householdSize', 'Household size', 1, 20), flag('interpreterNeeded', 'Interpreter needed')],
      resolutionCodes: ['Eligible - granted', 'Not eligible', 'Information provided', 'Referred to another agency'], defaultPriority: 3, weight: 2, group: 'benefits', channels: ['phone', 'walk_in', 'email', 'chat'],
      products: ['rebate', 'hardship'], services: ['Apply for the pensioner rates rebate', 'Ask about hardship assistance'],
      subjects: ['Pensioner rebate eligibility question', 'Hardship assistance for {suburb} household', 'Rebate not applied to latest rates notice', 'Concession card renewal question'],
      comments: ['Thanks for calling. We have checked your eligibility and sent the form.', 'Your rebate has been applied to the next rates notice.', 'We need a copy of your concession card to continue.'],
      workNotes: ['Caller prefers a call back in the afternoon.', 'Verified identity with two documents.', 'Interpreter booked through TIS.'],
      customFields: (r) => ({ program: r.pick(['pensioner rebate', 'hardship assistance', 'concession card']), householdSize: r.int(1, 6), interpreterNeeded: r.chance(0.15) }),
      taskShare: 0.05, taskKind: 'task',
    },
    {
      key: 'information_request', skills: [], name: 'Information request', description: 'A request for information or a record held by the city.', lifecycle: csmLifecycle,
      fields: [choice('topic', 'Topic', ['waste collection', 'rates', 'parking', 'events', 'records'], true), flag('formalRequest', 'Formal access request')],
      resolutionCodes: ['Information provided', 'Referred', 'Not held'], defaultPriority: 4, weight: 2, group: 'contact', channels: ['phone', 'email', 'chat', 'portal'],
      products: [], services: ['Ask a question', 'Request a council record'],
      subjects: ['When is bin collection on {street}?', 'Question about my rates notice', 'Parking permit for {street}', 'Request for council meeting minutes'],
      comments: ['Thanks for your question. Here is the information you asked for.', 'We have forwarded your question to the right team.'],
      workNotes: ['Answered from the knowledge base article on waste collection.', 'Forwarded to records management.'],
      customFields: (r) => ({ topic: r.pick(['waste collection', 'rates', 'parking', 'events', 'records']), formalRequest: r.chance(0.1) }),
      taskShare: 0, taskKind: 'task',
    },
  ],
};

export const utilityOrg: OrgSpec = {
  key: 'utility',
  name: 'Harbour Water & Power',
  kind: 'company',
  timeZone: 'Australia/Sydney',
  prefix: 'CS',
  emailDomain: 'harbourwp.example',
  businessShare: 0.35,
  caseShare: 0.55,
  serviceOrgs: [
    ['care', 'Customer Care', 'call_center'],
    ['billing', 'Billing Operations', 'back_office'],
    ['network', 'Network Operations', 'department'],
    ['field', 'Field Services', 'field_service'],
  ],
  locations: [
    ['hq', 'Harbour House', 'office', 'care'],
    ['north', 'Northbank Field Depot', 'depot', 'field'],
    ['south', 'Southport Field Depot', 'depot', 'field'],
    ['store', 'Meter Warehouse', 'warehouse', 'field'],
  ],
  groups: [
    ['care', 'Customer Care', 'assignment', 'care'],
    ['business', 'Business Accounts', 'assignment', 'care'],
    ['billing', 'Billing', 'assignment', 'billing'],
    ['network', 'Network Operations', 'assignment', 'network'],
    ['meters', 'Meter Services', 'field', 'field'],
    ['crews', 'Water Network Crews', 'field', 'field'],
  ],
  skills: ['Smart meters', 'Water network', 'Billing disputes', 'Business accounts', 'Mandarin', 'Greek', 'Electrical licence', 'Confined spaces'],
  staff: [
    { username: 'hwp.admin', name: 'Sam Keller', title: 'Systems Administrator', roles: ['administrator'], groups: [], skills: [] },
    { username: 'hwp.supervisor', name: 'Claire Dubois', title: 'Customer Care Manager', roles: ['supervisor'], groups: ['care', 'billing', 'business'], skills: ['Billing disputes'], manages: ['care', 'billing', 'business'] },
    { username: 'hwp.agent', name: 'Ben Carter', title: 'Customer Care Consultant', roles: ['agent'], groups: ['care', 'billing'], skills: ['Billing disputes'] },
    { username: 'hwp.tech', name: 'Lena Schmidt', title: 'Meter Technician', roles: ['field_technician'], groups: ['meters'], skills: ['Smart meters', 'Electrical licence'] },
    { username: 'hwp.stakeholder', name: 'Victor Papadopoulos', title: 'Head of Customer Operations', roles: ['business_stakeholder'], groups: [], skills: ['Greek'] },
    { username: 'hwp.partner', name: 'Yara Costa', title: 'Meter Installer (Northstar Metering)', roles: ['contributor'], groups: [], skills: ['Smart meters'], isExternal: true },
    { username: 'wei.wang', name: 'Wei Wang', title: 'Customer Care Consultant', roles: ['agent'], groups: ['care'], skills: ['Mandarin'] },
    { username: 'chloe.martin', name: 'Chloe Martin', title: 'Customer Care Consultant', roles: ['agent'], groups: ['care', 'business'], skills: ['Business accounts'] },
    { username: 'lucas.garcia', name: 'Lucas Garcia', title: 'Billing Specialist', roles: ['agent'], groups: ['billing'], skills: ['Billing disputes'] },
    { username: 'isla.white', name: 'Isla White', title: 'Billing Specialist', roles: ['agent'], groups: ['billing'], skills: ['Billing disputes'] },
    { username: 'oliver.kim', name: 'Oliver Kim', title: 'Business Account Manager', roles: ['agent'], groups: ['business'], skills: ['Business accounts'] },
    { username: 'amara.okafor', name: 'Amara Okafor', title: 'Network Controller', roles: ['agent'], groups: ['network'], skills: ['Water network'] },
    { username: 'henry.taylor', name: 'Henry Taylor', title: 'Network Controller', roles: ['agent'], groups: ['network'], skills: ['Water network'] },
    { username: 'zoe.anderson', name: 'Zoe Anderson', title: 'Field Services Supervisor', roles: ['supervisor'], groups: ['network', 'meters', 'crews'], skills: ['Water network'], manages: ['network', 'meters', 'crews'] },
    { username: 'dmitri.ivanov', name: 'Dmitri Ivanov', title: 'Meter Technician', roles: ['field_technician'], groups: ['meters'], skills: ['Smart meters'] },
    { username: 'tane.wilson', name: 'Tane Wilson', title: 'Network Technician', roles: ['field_technician'], groups: ['crews'], skills: ['Water network', 'Confined spaces'] },
    { username: 'fatima.singh', name: 'Fatima Singh', title: 'Network Technician', roles: ['field_technician'], groups: ['crews'], skills: ['Water network'] },
    { username: 'marco.costa', name: 'Marco Costa', title: 'Customer Care Consultant', roles: ['agent'], groups: ['care'], skills: ['Greek'] },
    { username: 'leo.thompson', name: 'Leo Thompson', title: 'Meter Technician', roles: ['field_technician'], groups: ['meters'], skills: ['Smart meters', 'Electrical licence'] },
    { username: 'ngaio.brown', name: 'Ngaio Brown', title: 'Billing Team Leader', roles: ['supervisor', 'agent'], groups: ['billing'], skills: ['Billing disputes'], manages: ['billing'] },
  ],
  productModels: [
    ['service_point', 'Residential service point', 'infrastructure', 'Harbour Water & Power'],
    ['smart_meter', 'SM-200 smart electricity meter', 'hardware', 'Northstar Metering'],
    ['water_meter', 'WM-25 water meter', 'hardware', 'Aquatech'],
    ['comms_module', 'LTE-M meter comms module', 'hardware', 'Northstar Metering'],
    ['pump', 'P-40 booster pump', 'hardware', 'Ironbark Pumps'],
    ['motor', '15 kW pump motor', 'hardware', 'Ironbark Pumps'],
    ['supply_res', 'Residential water & power supply', 'service', 'Harbour Water & Power'],
    ['supply_bus', 'Business supply plan', 'service', 'Harbour Water & Power'],
  ],
  caseTypes: [
    {
      key: 'water_outage', skills: ['Water network'], name: 'Water outage', description: 'No water or low pressure at a property or in an area.', lifecycle: csmLifecycle,
      fields: [num('affectedProperties', 'Affected properties', 1, 100_000, true), flag('vulnerableCustomer', 'Vulnerable customer on site'), choice('cause', 'Cause', ['main break', 'planned works', 'pump failure', 'unknown'])],
      resolutionCodes: ['Supply restored', 'Planned outage ended', 'Customer-side fault', 'Duplicate'], defaultPriority: 2, weight: 2, group: 'network', channels: ['phone', 'chat', 'portal'],
      products: ['supply_res', 'pump'], services: ['Report no water or low pressure'],
      subjects: ['No water at {number} {street}', 'Low water pressure in {suburb}', 'Burst main on {street}', 'Brown water after works on {street}'],
      comments: ['A crew is on the way. We expect supply back within 4 hours.', 'Supply has been restored. Run your cold tap for a few minutes.', 'This outage is part of planned works; notice was sent last week.'],
      workNotes: ['Triage: main break suspected, crew dispatched.', 'Pump station alarm confirms pump trip.', 'Customer is on the life-support register — priority.'],
      customFields: (r) => ({ affectedProperties: r.int(1, 400), vulnerableCustomer: r.chance(0.08), cause: r.pick(['main break', 'planned works', 'pump failure', 'unknown']) }),
      taskShare: 0.5, taskKind: 'work_order',
    },
    {
      key: 'meter_fault', skills: ['Smart meters'], name: 'Meter fault', description: 'A meter that does not read, reads wrongly or is damaged.', lifecycle: csmLifecycle,
      fields: [text('meterSerial', 'Meter serial', true), num('lastReading', 'Last reading', 0, null), choice('symptom', 'Symptom', ['no display', 'no comms', 'implausible reading', 'physical damage'], true)],
      resolutionCodes: ['Meter replaced', 'Comms module replaced', 'Reset remotely', 'No fault found'], defaultPriority: 3, weight: 3, group: 'care', channels: ['phone', 'email', 'portal'],
      products: ['smart_meter', 'water_meter', 'comms_module'], services: ['Report a faulty meter', 'Request a meter test'],
      subjects: ['Meter display blank at {number} {street}', 'Smart meter not sending reads', 'Estimated bills: meter not read for 3 months', 'Water meter leaking at {street}'],
      comments: ['We have booked a technician to check your meter.', 'Your meter has been replaced; your next bill will use actual reads.', 'We reset the meter remotely and it is reporting again.'],
      workNotes: ['No comms since the last firmware push; likely comms module.', 'Technician replaced the module, old one returned to store.', 'Access issue: dog on property, call ahead.'],
      customFields: (r) => ({ meterSerial: `NSM-${r.int(100000, 999999)}`, lastReading: r.int(1000, 90000), symptom: r.pick(['no display', 'no comms', 'implausible reading', 'physical damage']) }),
      taskShare: 0.55, taskKind: 'work_order',
    },
    {
      key: 'billing_dispute', skills: ['Billing disputes'], name: 'Billing dispute', description: 'A customer disputes a bill or a charge.', lifecycle: csmLifecycle,
      fields: [text('invoiceNumber', 'Invoice number', true), num('disputedAmount', 'Disputed amount (AUD)', 0, 1_000_000, true), choice('reason', 'Reason', ['estimated read', 'tariff', 'concession missing', 'late fee', 'other'], true)],
      resolutionCodes: ['Credit applied', 'Bill correct - explained', 'Payment plan agreed', 'Escalated to ombudsman'], defaultPriority: 3, weight: 3, group: 'billing', channels: ['phone', 'email', 'chat', 'portal'],
      products: ['supply_res', 'supply_bus'], services: ['Dispute a bill', 'Ask about a charge'],
      subjects: ['Bill much higher than usual', 'Charged a late fee after paying on time', 'Concession not applied on latest bill', 'Wrong tariff on business account'],
      comments: ['We are reviewing your bill and will reply within 2 business days.', 'We have applied a credit to your account.', 'Your bill is based on an actual read; here is the breakdown.'],
      workNotes: ['Read history shows two estimated reads in a row.', 'Tariff changed at the last plan renewal by mistake.', 'Offered a payment plan; customer accepted.'],
      customFields: (r) => ({ invoiceNumber: `INV-${r.int(1000000, 9999999)}`, disputedAmount: r.int(20, 2500), reason: r.pick(['estimated read', 'tariff', 'concession missing', 'late fee', 'other']) }),
      taskShare: 0.05, taskKind: 'task',
    },
    {
      key: 'new_connection', skills: ['Business accounts'], name: 'New connection', description: 'Connecting a new property or business to water and power.', lifecycle: csmLifecycle,
      fields: [choice('supply', 'Supply', ['water', 'power', 'both'], true), date('requestedDate', 'Requested connection date'), flag('siteReady', 'Site ready')],
      resolutionCodes: ['Connected', 'Cancelled by customer', 'Site not ready'], defaultPriority: 4, weight: 1, group: 'business', channels: ['email', 'portal', 'phone'],
      products: ['supply_res', 'supply_bus', 'smart_meter'], services: ['Request a new connection'],
      subjects: ['New connection for {number} {street}', 'Connection for new business premises in {suburb}'],
      comments: ['We have received your connection request.', 'Your connection is booked.'],
      workNotes: ['Site inspection booked.', 'Meter reserved from warehouse.'],
      customFields: (r) => ({ supply: r.pick(['water', 'power', 'both']), requestedDate: `2027-0${r.int(1, 9)}-0${r.int(1, 9)}`, siteReady: r.chance(0.6) }),
      taskShare: 0.6, taskKind: 'work_order',
    },
  ],
};

export const demoOrgs = [cityOrg, utilityOrg] as const;
