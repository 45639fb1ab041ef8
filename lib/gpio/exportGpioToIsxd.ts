import type { EventModel } from '../events/eventModel.js';
import { writeEventModel } from '../events/writeEventModel.js';
import { FileSource } from '../io/fileSource.js';
import { readRawAcquisition } from './readRawAcquisition.js';

export interface ExportGpioOptions {
  /** Replace an existing output file. Default false: `E_EXISTS`. */
  overwrite?: boolean;
}

/**
 * Converts a raw `.gpio`, `.raw` or `.imu` file to a V2 event `.isxd` (type 3 or 7) with the content the
 * reference's `export_gpio_to_isxd` writes (spec 9.5, 10, 11.2).
 */
export async function exportGpioToIsxd(inputPath: string, outputPath: string, options: ExportGpioOptions = {}): Promise<void> {
  let model: EventModel;
  {
    await using source = await FileSource.open(inputPath);
    model = await readRawAcquisition(source);
  }
  await writeEventModel(outputPath, model, { overwrite: options.overwrite ?? false });
}
