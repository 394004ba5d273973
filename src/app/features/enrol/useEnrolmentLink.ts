/**
 * The fields an enrolment link brought (`#/enrol?server=…&code=…`), read once when the screen
 * opens. The code then leaves the address bar, so it is not kept in the browser's history or
 * shown to whoever looks at the screen later.
 */
import { useEffect, useState } from 'react';
import { ENROL_ROUTE, parseEnrolmentLink, type EnrolmentLinkValues } from '../../../domain/enrolmentLink';

export function useEnrolmentLink(): EnrolmentLinkValues | null {
  const [link] = useState(() => (typeof location === 'undefined' ? null : parseEnrolmentLink(location.hash)));
  useEffect(() => {
    if (link && location.hash.includes('?')) history.replaceState(null, '', ENROL_ROUTE);
  }, [link]);
  return link;
}
