/**
 * The upload limit as typed into the policy form: empty means the installation's default
 * (null); otherwise a whole number of megabytes from 1 to the installation's limit (the
 * ceiling; 1,000,000 when it is not known).
 */
export function parseMaxUploadMb(value: string, ceiling: number | null = null): number | null | 'invalid' {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const megabytes = Number(trimmed);
  return megabytes >= 1 && megabytes <= (ceiling ?? 1_000_000) ? megabytes : 'invalid';
}
