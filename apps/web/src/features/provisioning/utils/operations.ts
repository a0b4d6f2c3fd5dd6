import { CAPABILITY_KEYS, type CapabilityKey } from '@gatehouse/mapping';

/** What each operation does, in the admin's words (the keys themselves are the documented names). */
export const OPERATION_DESCRIPTIONS: Record<CapabilityKey, string> = {
  create_user: 'Create a user',
  get_user: 'Read one user',
  update_user: 'Update a user, including deactivation',
  delete_user: 'Delete a user',
  list_users: 'List users',
  create_group: 'Create a group',
  get_group: 'Read one group',
  update_group_members: 'Replace the members of a group',
  update_group_name: 'Rename a group',
  delete_group: 'Delete a group',
  list_groups: 'List groups',
};

export const OPERATION_OPTIONS = CAPABILITY_KEYS.map((value) => ({ value, label: value }));
