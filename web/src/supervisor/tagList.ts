const tagPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The items of a list typed with commas or line breaks, trimmed, empty ones dropped. */
export const splitList = (text: string) =>
  text
    .split(/[,\n]+/)
    .map((t) => t.trim())
    .filter(Boolean);

/** The message for the first tag the server would refuse, or undefined when every tag is valid. */
export function badTagMessage(tags: readonly string[]): string | undefined {
  const badTag = tags.find((t) => !tagPattern.test(t));
  return badTag === undefined ? undefined : `Tag “${badTag}” must be lower-case letters, digits and hyphens (up to 40).`;
}
