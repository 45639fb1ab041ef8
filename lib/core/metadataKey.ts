/** The schema metadata key of every table that holds its input file's whole JSON metadata, as exact JSON text. */
export const FILE_METADATA_KEY = 'isx:metadata';
