/**
 * How a person's name is written. Strapi keeps an admin user's name in two fields and writes them in the
 * Western order ("Thu Hà Nguyễn Thị"); a Vietnamese name reads family name first ("Nguyễn Thị Thu Hà"):
 * `lastname` holds the họ (and tên đệm), `firstname` the tên. Pure data: the admin panel imports it too.
 */
export interface PersonNameParts {
  firstname?: string | null;
  lastname?: string | null;
}

/** "Nguyễn Thị Thu Hà" from lastname "Nguyễn Thị" and firstname "Thu Hà"; '' when both are empty. */
export function vietnameseName({ firstname, lastname }: PersonNameParts): string {
  return [lastname, firstname]
    .map((part) => (part ?? '').trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join(' ');
}

/** The name to show for an account: the Vietnamese-order name, else the e-mail, else `fallback`. */
export function displayName(user: PersonNameParts & { email?: string | null }, fallback = ''): string {
  return vietnameseName(user) || user.email || fallback;
}
