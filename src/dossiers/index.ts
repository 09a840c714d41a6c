export { addWorkingDays, HOLIDAYS, isWorkingDay, vietnamDay } from "./calendar.ts";
export {
  canonicalDossierCode,
  DOSSIER_STATUSES,
  type Dossier,
  type DossierEvent,
  type DossierStatus,
  dossierEventSchema,
  dossierKey,
  dossierStatusSchema,
  FINISHED,
  findDossierCode,
  locateDossierCode,
  maskApplicantName,
  parseDossierMessage,
  phoneLast4,
} from "./model.ts";
export { MemoryRateLimiter, type RateLimiter } from "./rate-limit.ts";
export { DossierService, LOOKUP_LIMITS, type LookupResult } from "./service.ts";
export type { DossierStore, IngestResult, PushJob } from "./store.ts";
export { UpstreamLookup, type UpstreamOptions, UpstreamUnavailable } from "./upstream.ts";
