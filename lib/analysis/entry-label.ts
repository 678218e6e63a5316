/**
 * How sentences and fact chips name an entry (a security group, an ACL and its entries, a NAT
 * gateway, a load balancer, a Cloud Firewall policy…): its name first, its id after it, as
 * operators know them from the console; the bare id when it has no name or its name is its id.
 */

/** `name (id)`; `id` alone when `name` is empty or blank, or says the id again. */
export function nameAndId(id: string, name: string | null | undefined): string {
  const shown = name?.trim() ?? '';
  return shown === '' || shown === id ? id : `${shown} (${id})`;
}
