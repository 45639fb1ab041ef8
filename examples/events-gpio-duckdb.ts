/**
 * Events and GPIO of one session, joined on time in DuckDB. Both files go to Parquet (design 5 `events`
 * and `samples` tables); then, for every event and every GPIO channel, an ASOF join finds the channel's
 * last value at or before the event. Prints CSV on stdout:
 * `cell,timestamp_us,amplitude,channel,gpio_value`.
 *
 *   npx tsx examples/events-gpio-duckdb.ts events.isxd gpio.isxd [OUT_DIR]
 *
 * Needs `@duckdb/node-api` (`npm install @duckdb/node-api`).
 */
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { EventSet, GpioSet, events, openSink, samples, tableSourceOf, writeTable } from 'isx-stream';
import { eventsTable, samplesTable, toRecordBatchStream } from 'isx-stream/transforms';

const [eventsPath, gpioPath, outDir = '.'] = process.argv.slice(2);
if (eventsPath === undefined || gpioPath === undefined) {
  console.error('usage: npx tsx examples/events-gpio-duckdb.ts EVENTS.isxd GPIO.isxd [OUT_DIR]');
  process.exit(2);
}

const eventSet = await EventSet.read(eventsPath);
const eventsFile = join(outDir, `${basename(eventsPath, '.isxd')}.events.parquet`);
const eventSpec = eventsTable(tableSourceOf(eventSet));
await writeTable(events(eventSet, { closeOnEnd: true }), await openSink('parquet', eventsFile, eventSpec.schema), [toRecordBatchStream(eventSpec)]);

const gpioSet = await GpioSet.read(gpioPath);
const samplesFile = join(outDir, `${basename(gpioPath).replace(/\.[^.]+$/, '')}.samples.parquet`);
const sampleSpec = samplesTable(tableSourceOf(gpioSet));
await writeTable(samples(gpioSet, { closeOnEnd: true }), await openSink('parquet', samplesFile, sampleSpec.schema), [toRecordBatchStream(sampleSpec)]);

const connection = await (await DuckDBInstance.create(':memory:')).connect();
const sql = `
  WITH e AS (SELECT * FROM read_parquet('${eventsFile}')),
       g AS (SELECT * FROM read_parquet('${samplesFile}')),
       c AS (SELECT DISTINCT channel FROM g)
  SELECT e.name AS cell, epoch_us(e.timestamp) AS timestamp_us, e.amplitude, c.channel, g.value AS gpio_value
  FROM e CROSS JOIN c
  ASOF LEFT JOIN g ON g.channel = c.channel AND e.timestamp >= g.timestamp
  ORDER BY timestamp_us, cell, c.channel`;
const result = await connection.runAndReadAll(sql);
console.log('cell,timestamp_us,amplitude,channel,gpio_value');
for (const row of result.getRowsJS()) console.log(row.map((v) => (v === null ? '' : String(v))).join(','));
connection.closeSync();
