export { convertFile } from './convertFile.js';
export { convertSeries } from './convertSeries.js';
export { listTables, planTables, type ListTablesOptions, type TablePlan } from './planTables.js';
export { validateConvertOptions, checkOptionsFit, ConvertOptionError, type OptionName, type OptionNamer } from './validateOptions.js';
export { fileStem, outputPathFor } from './outputPath.js';
export { tableSourceOf } from './tableSource.js';
export { describeRecording, type RecordingDescription } from './describeRecording.js';
export { writeDescription, type DescriptionTable } from './writeDescription.js';
export type { ConvertOptions, ConvertProgress, ConvertedTable } from './convertOptions.js';
