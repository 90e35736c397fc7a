/** Random hex ids: four digits such as an SSN's last four turn up in some of them by chance. */
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu;

/** The text with its ids taken out, to look for personal values in it. */
export function withoutIds(text: string): string {
  return text.replace(uuid, '');
}
