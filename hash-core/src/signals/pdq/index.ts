export {
  pdq,
  pdqDihedral,
  pdqFromLuma,
  releasePdqScratch,
  PDQ_DIHEDRAL_NAMES,
  PDQ_MATCH_THRESHOLD,
  PDQ_QUALITY_FLOOR,
  type PdqDihedralResult,
  type PdqResult,
} from './pdq.js';
export type { PdqDihedralName } from './dihedral.js';
