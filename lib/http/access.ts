/** Answers of the access model (README, “Access”). */
import 'server-only';

import { BadRequestError } from '@/lib/errors';

/** The 403 of the saved-diagnosis list while it is off. */
export function diagnosisListDisabledError(): BadRequestError {
  return new BadRequestError(
    'listing_disabled',
    'The list of saved diagnoses is off on this dashboard: it would show every share link to whoever asks. Open a diagnosis by its link, or have the operator require an identity (EGRESS_DOCTOR_REQUIRE_IDENTITY) or set EGRESS_DOCTOR_LIST_DIAGNOSES=true.',
    403,
  );
}
