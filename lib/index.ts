// The public API of isx-stream: readers that mirror the isx Python API, writers of .isxd files,
// object-stream sources, sinks and the conversion job. Record transforms and Arrow tables live in
// 'isx-stream/transforms'.
export { IsxError, isIsxError, type IsxErrorCode } from './errors.js';
export { open } from './kinds/open.js';
export { KINDS, INSCOPIX_EXTENSIONS, kindOf, kindsForPath, isKind } from './kinds/registry.js';
export type { KindDescriptor, RecordOptions, Members } from './kinds/descriptor.js';
export type { AnyDataSet, DataSetByKind, KindName, TableName, TablesByKind, KindOption } from './kinds/kindName.js';

export { Ratio, Duration } from './core/ratio.js';
export { Time } from './core/time.js';
export { Timing, type SampleStatus, type CroppedRange, type TimingInit } from './core/timing.js';
export { Spacing } from './core/spacing.js';
export { DataSet } from './core/dataSet.js';
export { DataSetKind } from './core/kinds.js';
export { packageVersion } from './core/packageVersion.js';
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

export { MovieWriter } from './isxd/writeMovie.js';
export { CellSetWriter } from './isxd/writeCellSet.js';
export { VesselSetWriter } from './isxd/writeVesselSet.js';
export { writeEventModel } from './events/writeEventModel.js';
export { exportGpioToIsxd } from './gpio/exportGpioToIsxd.js';
export { removeUnfinishedOutputsSync } from './io/unfinishedFiles.js';

export type * from './core/records.js';
export { CELL_STATUSES } from './core/records.js';
export { frames, DEFAULT_MAX_BATCH_BYTES, type FrameSourceOptions } from './sources/frames.js';
export { videoFrames, type VideoFrameSourceOptions } from './sources/videoFrames.js';
export { cells, sampleTimesUs, type CellSourceOptions } from './sources/cells.js';
export { events, type EventSourceOptions } from './sources/events.js';
export { samples, type SampleSourceOptions } from './sources/samples.js';
export { vessels, type VesselSourceOptions } from './sources/vessels.js';
export { toReadable, SOURCE_HIGH_WATER_MARK } from './sources/toReadable.js';
export type { RangeOptions } from './sources/range.js';
export { series, joinSeries, type SeriesOptions } from './kinds/series.js';
export { checkSeries } from './kinds/checkSeries.js';
export { records, stream, openStream, type StreamOptions } from './kinds/stream.js';
export { summarize } from './kinds/summarize.js';
export * from './sinks/index.js';
export * from './convert/index.js';
