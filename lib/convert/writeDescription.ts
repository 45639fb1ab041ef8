import { dirname } from 'node:path';
import { openSink } from '../sinks/index.js';
import type { SinkDestination } from '../sinks/byteDestination.js';
import { writeTable } from '../sinks/writeTable.js';
import { GroupedPath } from '../io/commitGroup.js';
import { membersTable } from '../../transforms/tables/members.js';
import { recordingsTable } from '../../transforms/tables/recordings.js';
import type { TableSpec } from '../../transforms/tables/tableSpec.js';
import type { ConvertedTable, ConvertOptions } from './convertOptions.js';
import type { RecordingDescription } from './describeRecording.js';
import { makeFolder, sinkOptions } from './writeRecording.js';

/** The tables a description fills: `recordings` always, `members` when the input has cells, vessels or channels. */
export type DescriptionTable = 'recordings' | 'members';

/**
 * Writes an input's `recordings` row and `members` rows (describeRecording) as one output each, in
 * `options.to` with the conversion's sink settings; `keyNames` are the keys written as columns (those
 * not held by partition folders), `destinationOf` where each table goes. An input without members
 * writes no `members` output.
 */
export async function writeDescription(
  description: RecordingDescription,
  keyNames: readonly string[],
  options: ConvertOptions,
  destinationOf: (table: DescriptionTable) => SinkDestination,
): Promise<ConvertedTable[]> {
  const outputs: [TableSpec<never>, readonly unknown[]][] = [[recordingsTable({ keyNames }) as TableSpec<never>, [description.recording]]];
  if (description.members.length > 0) outputs.push([membersTable({ keyNames }) as TableSpec<never>, description.members]);
  const written: ConvertedTable[] = [];
  for (const [spec, rows] of outputs) {
    const destination = destinationOf(spec.name as DescriptionTable);
    if (typeof destination === 'string') await makeFolder(dirname(destination));
    const sink = await openSink(options.to, destination, spec.schema, sinkOptions(options));
    const count = await writeTable([spec.toBatch(rows as never[])], sink, [], { signal: options.signal });
    written.push({ table: spec.name, path: typeof destination === 'string' ? destination : destination instanceof GroupedPath ? destination.path : '-', rows: count });
  }
  return written;
}
