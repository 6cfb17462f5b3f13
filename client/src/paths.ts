/** Paths as the protocol writes them (forward slashes), whatever the platform gave: one spelling to compare. */
export const forwardSlashes = (path: string): string => path.replace(/\\/g, "/");
