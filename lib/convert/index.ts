export { convertFile } from './convertFile.js';
export { convertSeries } from './convertSeries.js';
export { listTables, planTables, type TablePlan, type OpenedDataSet } from './tableRegistry.js';
export { fileStem, outputPathFor } from './outputPath.js';
export {
  OUTPUT_FORMATS,
  FORMAT_EXTENSIONS,
  type OutputFormat,
  type ConvertOptions,
  type ConvertProgress,
  type ConvertedTable,
  type CropRect,
} from './convertOptions.js';
