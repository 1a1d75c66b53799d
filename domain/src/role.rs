//! Roles and the one rule for whether a set of roles satisfies a requirement.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Role {
    Shopper,
    Seller,
    Moderator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Shopper, Role::Seller, Role::Moderator, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Shopper => "shopper",
            Role::Seller => "seller",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The roles one account holds. Every account is a shopper.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn new(mut roles: Vec<Role>) -> Self {
        if !roles.contains(&Role::Shopper) {
            roles.push(Role::Shopper);
        }
        roles.sort();
        roles.dedup();
        Self(roles)
    }

    pub fn from_strs<'a>(raw: impl IntoIterator<Item = &'a str>) -> Self {
        Self::new(raw.into_iter().filter_map(Role::parse).collect())
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Whether these roles may do something that requires `required`.
    /// Admins may do what moderators may; nobody else inherits anything,
    /// so an admin is not a seller unless they also hold the seller role.
    pub fn satisfies(&self, required: Role) -> bool {
        match required {
            Role::Shopper => true,
            Role::Seller => self.has(Role::Seller),
            Role::Moderator => self.has(Role::Moderator) || self.has(Role::Admin),
            Role::Admin => self.has(Role::Admin),
        }
    }

    /// The roles a session may use: an admin's powers (and the moderation they
    /// include) need two-step sign-in, so an account holding `admin` without it acts as
    /// its other roles only. The second value says the admin role was set aside.
    pub fn in_session(self, two_step_on: bool) -> (Roles, bool) {
        if two_step_on || !self.has(Role::Admin) {
            return (self, false);
        }
        let rest = self.0.into_iter().filter(|r| *r != Role::Admin).collect();
        (Roles::new(rest), true)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_table() {
        use Role::*;
        let cases = [
            (vec![], [true, false, false, false]),
            (vec![Seller], [true, true, false, false]),
            (vec![Moderator], [true, false, true, false]),
            (vec![Admin], [true, false, true, true]),
            (vec![Seller, Admin], [true, true, true, true]),
        ];
        for (held, expect) in cases {
            let roles = Roles::new(held.clone());
            for (req, want) in Role::ALL.into_iter().zip(expect) {
                assert_eq!(roles.satisfies(req), want, "{held:?} vs {req:?}");
            }
        }
    }

    #[test]
    fn admin_powers_need_two_step_sign_in() {
        use Role::*;
        let admin = Roles::new(vec![Admin, Seller]);
        let (without, set_aside) = admin.clone().in_session(false);
        assert!(set_aside);
        assert!(!without.satisfies(Admin) && !without.satisfies(Moderator));
        assert!(without.satisfies(Seller), "other roles stay");
        assert_eq!(admin.clone().in_session(true), (admin, false));
        let moderator = Roles::new(vec![Moderator]);
        assert_eq!(moderator.clone().in_session(false), (moderator, false));
    }

    #[test]
    fn parse_ignores_unknown() {
        let r = Roles::from_strs(["seller", "root", "shopper", "seller"]);
        assert_eq!(
            r.iter().collect::<Vec<_>>(),
            vec![Role::Shopper, Role::Seller]
        );
    }
}
