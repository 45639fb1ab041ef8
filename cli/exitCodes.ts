/** Exit statuses of `isx-stream` (design 5). */
export const EXIT_OK = 0;
/** At least one file failed or was skipped; the others were processed. */
export const EXIT_FAILED = 1;
/** The command line itself is wrong (unknown option, bad value, ambiguous request). */
export const EXIT_USAGE = 2;
/** Stopped by SIGINT/SIGTERM (128 + SIGINT's number, as shells report it). */
export const EXIT_INTERRUPTED = 130;
