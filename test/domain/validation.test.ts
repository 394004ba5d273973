import { describe, expect, it } from 'vitest';
import { checkReport, type IssueCode } from '../../src/domain/validation';
import { session, validReport } from './fixtures';

const codesAt = (issues: { path: string; code: IssueCode }[]) => issues.map((i) => `${i.path}:${i.code}`);

describe('report rules', () => {
  it('passes a consistent report, which may be marked ready', () => {
    const check = checkReport(validReport((r) => r.dialogues.push(session())));
    expect(check).toEqual({ errors: [], warnings: [], canMarkReady: true });
  });

  it('requires workers and members before the report is ready', () => {
    const check = checkReport(
      validReport((r) => {
        r.membership.workers = null;
        r.membership.members = null;
        r.membership.femaleMembers = null;
      }),
    );
    expect(codesAt(check.errors)).toEqual(['membership.workers:required', 'membership.members:required']);
    expect(check.canMarkReady).toBe(false);
  });

  it('refuses more members than workers', () => {
    const check = checkReport(validReport((r) => (r.membership.members = 1300)));
    expect(codesAt(check.errors)).toContain('membership.members:membersAboveWorkers');
    expect(check.canMarkReady).toBe(false);
  });

  it('accepts members equal to workers', () => {
    expect(checkReport(validReport((r) => (r.membership.members = 1234))).canMarkReady).toBe(true);
  });

  it('flags negative and fractional counts where they were typed', () => {
    const check = checkReport(
      validReport((r) => {
        r.dissemination.sessions = -2;
        r.inspection.inspections = 2.5;
        r.dialogues.push(session({ participants: 1.5 }));
      }),
    );
    expect(codesAt(check.errors)).toEqual([
      'dissemination.sessions:negative',
      'inspection.inspections:notWholeNumber',
      'dialogues.0.participants:notWholeNumber',
    ]);
  });

  it('refuses female, new and other-organisation members above all members', () => {
    const check = checkReport(
      validReport((r) => {
        r.membership.femaleMembers = 1100;
        r.membership.newMembers = 1100;
        r.membership.membersInOtherOrganisations = 1100;
      }),
    );
    expect(codesAt(check.errors)).toEqual([
      'membership.femaleMembers:femaleAboveMembers',
      'membership.membersInOtherOrganisations:otherOrganisationsAboveMembers',
      'membership.newMembers:newMembersAboveMembers',
    ]);
  });

  it('refuses recommendations resolved above raised, and complaints resolved above received', () => {
    const check = checkReport(
      validReport((r) => {
        r.dialogues.push(session({ recommendationsRaised: 2, recommendationsResolved: 3 }));
        r.inspection.complaintsReceived = 1;
        r.inspection.complaintsResolved = 2;
      }),
    );
    expect(codesAt(check.errors)).toEqual([
      'dialogues.0.recommendationsResolved:resolvedAboveRaised',
      'inspection.complaintsResolved:complaintsResolvedAboveReceived',
    ]);
  });

  it('refuses a session dated outside the year of a yearly report, and one without a date', () => {
    const check = checkReport(
      validReport((r) => {
        r.dialogues.push(session({ id: 'a', date: '2023-12-31' }));
        r.dialogues.push(session({ id: 'b', date: '2025-01-01' }));
        r.dialogues.push(session({ id: 'c', date: '' }));
        r.dialogues.push(session({ id: 'd', date: '2024-12-31' }));
      }),
    );
    expect(codesAt(check.errors)).toEqual([
      'dialogues.0.date:dateOutsidePeriod',
      'dialogues.1.date:dateOutsidePeriod',
      'dialogues.2.date:required',
    ]);
  });

  it("lets an interim review cover the plan's years since 2021", () => {
    const check = checkReport(
      validReport((r) => {
        r.period = { year: 2022, kind: 'interim' };
        r.dialogues.push(session({ date: '2021-04-02' }));
      }),
    );
    expect(check.errors).toEqual([]);
  });

  it("needs the workers' conference date once it was held, inside the period", () => {
    const missing = checkReport(validReport((r) => (r.grassrootsDemocracy.workersConferenceHeld = true)));
    expect(codesAt(missing.errors)).toEqual(['grassrootsDemocracy.workersConferenceDate:conferenceDateMissing']);
    const outside = checkReport(
      validReport((r) => {
        r.grassrootsDemocracy.workersConferenceHeld = true;
        r.grassrootsDemocracy.workersConferenceDate = '2023-02-01';
      }),
    );
    expect(codesAt(outside.errors)).toEqual(['grassrootsDemocracy.workersConferenceDate:dateOutsidePeriod']);
  });

  it('warns, without blocking, when more were admitted to the Party than introduced', () => {
    const check = checkReport(
      validReport((r) => {
        r.partyDevelopment.introduced = 2;
        r.partyDevelopment.admitted = 3;
      }),
    );
    expect(check.canMarkReady).toBe(true);
    expect(check.warnings).toEqual([
      {
        path: 'partyDevelopment.admitted',
        code: 'admittedAboveIntroduced',
        explanationPath: 'explanations.partyAdmission',
        explained: false,
      },
    ]);
  });

  it('warns when members moved more than 20 % from the previous period, and notes the explanation', () => {
    const previous = validReport((r) => {
      r.period = { year: 2023, kind: 'yearly' };
      r.membership.members = 800;
    });
    const report = validReport((r) => (r.membership.members = 1053));
    const check = checkReport(report, { previous });
    expect(check.canMarkReady).toBe(true);
    expect(check.warnings).toEqual([
      {
        path: 'membership.members',
        code: 'memberChangeLarge',
        params: { previous: 800, percent: 31.6 },
        explanationPath: 'explanations.memberChange',
        explained: false,
      },
    ]);
    report.explanations.memberChange = 'Công ty mở thêm phân xưởng, tuyển 300 lao động.';
    expect(checkReport(report, { previous }).warnings[0]?.explained).toBe(true);
  });

  it('does not warn at exactly 20 % or without a previous report', () => {
    const previous = validReport((r) => (r.membership.members = 1000));
    expect(checkReport(validReport((r) => (r.membership.members = 1200)), { previous }).warnings).toEqual([]);
    expect(checkReport(validReport((r) => (r.membership.members = 200))).warnings).toEqual([]);
  });
});
