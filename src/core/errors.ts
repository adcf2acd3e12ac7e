/** The text of an error of unknown type (a thrown `Error`, or anything else): for messages and logs. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
