// Shared by the shell (App.tsx) and the sign-in page, which App imports: kept apart so they do not import each other.
export type Role = 'promoter' | 'park_operator' | 'manager' | 'admin';

/** The page a role lands on after signing in. */
export function homeFor(role: Role | undefined): string {
  return role === 'promoter' ? '/leads/new' : role === 'park_operator' ? '/inbox' : role === 'admin' ? '/admin/users' : '/dashboard';
}
