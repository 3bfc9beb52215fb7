export interface Release {
  name: string;
  /** The folder whose package.json / package-lock.json pin the release and whose node_modules hold it. */
  dir: string;
  recipe: 'start-agents' | 'register-agent';
  /** Whether the server asks the model for a stream. */
  streams: boolean;
  /** Whether the bundled bcrypt lookup is pointed at the installed bcrypt (1.7.3-alpha.4). */
  bcryptFromInstall: boolean;
}
export const DEFAULT_RELEASE: '1.7.2';
export const RELEASES: Record<string, Omit<Release, 'name'>>;
export function releaseOf(name?: string): Release;
export function installHint(release: Release): string;
export function loadRelease(release: Release): Promise<{ server: unknown; core?: unknown; sql?: unknown; bootstrap?: unknown }>;
