// The public API of isx-stream: readers that mirror the isx Python API, writers of .isxd files,
// object-stream sources, sinks and the conversion job. Record transforms and Arrow tables live in
// 'isx-stream/transforms'.
export { IsxError, isIsxError, type IsxErrorCode } from './errors.js';
export { open, INSCOPIX_EXTENSIONS, type IsxDataSet } from './open.js';

export { Ratio, Duration } from './core/ratio.js';
export { Time } from './core/time.js';
export { Timing, type SampleStatus, type CroppedRange, type TimingInit } from './core/timing.js';
export { Spacing } from './core/spacing.js';
export { DataSet } from './core/dataSet.js';
export { DataSetKind } from './core/kinds.js';
export type { JsonValue, JsonObject } from './json/jsonValue.js';
export { parseJson } from './json/parseJson.js';
export { stringifyJson } from './json/stringifyJson.js';

export { Movie, type MovieKind } from './isxd/movie.js';
export { Image } from './isxd/image.js';
export type { FrameHeader } from './isxd/frameHeader.js';
export type { PixelArray, DataTypeName } from './core/dataType.js';
export { CellSet, type CellMetrics } from './isxd/cellSet.js';
export { VesselSet, type VesselSetType } from './isxd/vesselSet.js';
export { EventSet, type EventData, type EventMetrics } from './events/eventSet.js';
export type { ChannelData } from './events/channelData.js';
export { GpioSet } from './gpio/gpioSet.js';
export type { EventModel, SignalType } from './events/eventModel.js';
export { BehaviorMovie, type BehaviorMovieOptions } from './isxb/behaviorMovie.js';
export { BehaviorSeries } from './isxb/behaviorSeries.js';

export { MovieWriter } from './isxd/writeMovie.js';
export { CellSetWriter } from './isxd/writeCellSet.js';
export { VesselSetWriter } from './isxd/writeVesselSet.js';
export { writeEventModel } from './events/writeEventModel.js';
export { exportGpioToIsxd } from './gpio/exportGpioToIsxd.js';

export * from './sources/index.js';
export * from './sinks/index.js';
export * from './convert/index.js';
// For the isx-stream CLI, which uses only this entry: record vocabulary and the option/kind fit check.
export type { CellStatusName } from './core/records.js';
export { findMisfitOption } from './convert/tableRegistry.js';
