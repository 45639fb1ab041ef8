let sharpModule: Promise<unknown> | undefined;

/**
 * The default export of the optional `sharp` package, or null when it is not installed. Callers pass
 * the subset of sharp's API they use as `T`, so type-checking does not need the package either.
 */
export async function importSharp<T>(): Promise<T | null> {
  // A variable specifier keeps TypeScript from resolving the optional module at compile time.
  const name = 'sharp';
  sharpModule ??= import(name).then(
    (mod: { default: unknown }) => mod.default,
    () => null,
  );
  return (await sharpModule) as T | null;
}
