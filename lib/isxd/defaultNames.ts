/**
 * The name a writer gives a cell or vessel left unnamed (spec 5.3): the prefix and the zero-padded
 * index, padded to the digits of the last index once there are more than 10 (11 cells → C00..C10).
 */
export function defaultName(prefix: 'C' | 'V', index: number, count: number): string {
  const width = count <= 10 ? 1 : String(count - 1).length;
  return `${prefix}${String(index).padStart(width, '0')}`;
}
