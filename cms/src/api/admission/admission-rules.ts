import { type AdmissionRuleInput, admissionProblem } from '@portal/common/admission';
import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const UID = uidOf('admission');
type Data = Record<string, unknown>;

const FIELDS = ['schoolYear', 'opensOn', 'closesOn', 'resultsOn'] as const;

/** A date field as "YYYY-MM-DD" (Strapi takes a Date or an ISO text for a `date`). */
function day(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return typeof value === 'string' && value.length >= 10 ? value.slice(0, 10) : null;
}

/**
 * The season as it will be after this save: a REST update may send only the fields it changes, so the
 * stored draft fills in the rest before the rules are checked.
 */
async function seasonAfter(strapi: Core.Strapi, data: Data, documentId: string | undefined): Promise<AdmissionRuleInput> {
  const stored = documentId ? ((await strapi.db.query(UID).findOne({ where: { documentId, publishedAt: null }, select: [...FIELDS] })) as Data | null) : null;
  const pick = (field: (typeof FIELDS)[number]): unknown => (field in data ? data[field] : stored?.[field]);
  const groups = Array.isArray(data.ageGroups) ? (data.ageGroups as Data[]) : [];
  return {
    schoolYear: typeof pick('schoolYear') === 'string' ? (pick('schoolYear') as string) : null,
    opensOn: day(pick('opensOn')),
    closesOn: day(pick('closesOn')),
    resultsOn: day(pick('resultsOn')),
    ageGroups: groups.map((group) => ({
      name: typeof group?.name === 'string' ? group.name : null,
      bornFrom: typeof group?.bornFrom === 'number' ? group.bornFrom : Number(group?.bornFrom ?? Number.NaN),
      bornTo: typeof group?.bornTo === 'number' ? group.bornTo : Number(group?.bornTo ?? Number.NaN),
    })),
  };
}

/**
 * Enrolment dates are checked on every save, drafts included, on every route (content manager, REST,
 * clone): the site then never shows a season that closes before it opens.
 */
export function registerAdmissionRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID || (context.action !== 'create' && context.action !== 'update')) return next();
    const params = context.params as { data?: Data; documentId?: string };
    if (params.data) {
      const season = await seasonAfter(strapi, params.data, params.documentId);
      const problem = admissionProblem(season);
      if (problem) throw new errors.ValidationError(problem);
    }
    return next();
  });
}
