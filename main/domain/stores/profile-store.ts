/** The connection profiles (Active Directory, OpenLDAP) and which one is in use. */

/** A connection profile as the store keeps it; `config` is checked by the provider's schema when read. */
export interface StoredProfile {
  name: string;
  type: 'ad' | 'openldap';
  config: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface ProfileStore {
  list(): Promise<StoredProfile[]>;
  get(name: string): Promise<StoredProfile | null>;
  /** Refuses a name already taken (INVALID_INPUT). */
  add(profile: Pick<StoredProfile, 'name' | 'type' | 'config'>, now: number): Promise<void>;
  replace(profile: Pick<StoredProfile, 'name' | 'type' | 'config'>, now: number): Promise<void>;
  /** False when there was no such profile. */
  remove(name: string): Promise<boolean>;
  /** The profile the app signs in to; null: the embedded directory. */
  active(): Promise<string | null>;
  setActive(name: string | null): Promise<void>;
}
