/**
 * What isx says when a raw acquisition file (`.gpio`, nVoke `.raw`) holds no recognisable packet stream;
 * both raw readers say it in the same words.
 */
export const NO_GPIO_STREAM = 'Failed to find the beginning of the data stream and parse the file.';
