/**
 * The summary report's letterhead as the staff's node names it, for the form to start from: the node
 * issues it (its name, its short name in the symbol), the node above it heads it and receives it, and
 * the place before the date is the province's. The staff can change every value before printing.
 * Kept apart from SummaryDocument, which loads only when the summary opens.
 */
import type { NodeSummary } from '../../domain/organisation';
import { placeNameOfProvince, provinceInName } from '../../domain/profile';
import type { SummaryLetterhead } from './SummaryDocument';

/** Above every provincial federation and every central sector union (a root of the tree). */
const CONFEDERATION = 'Tổng Liên đoàn Lao động Việt Nam';

/** `ancestors`: from the root down to the node's parent, as `NodeDetail` has them. */
export function summaryLetterheadOf(node: NodeSummary, ancestors: readonly NodeSummary[]): SummaryLetterhead {
  const parent = ancestors.at(-1);
  const root = ancestors[0] ?? node;
  const province = root.kind === 'province' ? provinceInName(root.name) : null;
  return {
    superiorName: parent ? parent.name : CONFEDERATION,
    issuerName: node.name,
    shortName: node.shortName,
    number: '',
    date: '',
    placeName: province ? placeNameOfProvince(province) : '',
    signerName: '',
    signerTitle: '',
  };
}
