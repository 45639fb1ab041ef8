/** Footer `type` values of `.isxd` files (spec 1.2). */
export const DataSetKind = {
  MOVIE: 0,
  CELLSET: 1,
  BEHAVIOR: 2,
  GPIO: 3,
  IMAGE: 4,
  EVENTS: 5,
  METRICS: 6,
  IMU: 7,
  VESSELSET: 8,
  NVISION_MOVIE: 9,
} as const;

export type DataSetKindCode = (typeof DataSetKind)[keyof typeof DataSetKind];

/** Names used in messages, as isxcore spells them where it has one. */
export const KIND_NAMES: Record<number, string> = {
  0: 'Movie',
  1: 'Cell Set',
  2: 'Behavioral Movie',
  3: 'GPIO',
  4: 'Image',
  5: 'Event Set',
  6: 'Metrics',
  7: 'IMU',
  8: 'Vessel Set',
  9: 'nVision Movie',
};
