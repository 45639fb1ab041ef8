export { selectCells, selectChannels, type CellSelection, type ChannelSelection, type CellIdentity } from './select.js';
export { timeWindow, type TimeWindow, type TimedRecord } from './window.js';
export { decimate, type DecimatableRecord } from './decimate.js';
export { crop, type CropRectangle, type ImageRecord } from './crop.js';
export { bin } from './bin.js';
export { planes, type PlaneSplit } from './planes.js';
export { dff, type DffBaseline } from './dff.js';
export { zscore } from './zscore.js';
export { traceRows } from './rows.js';
