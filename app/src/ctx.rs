//! The request context: who is asking, built once per server function. Authorisation
//! is a property of how a context is made: [`Ctx::role`] refuses a caller without the
//! role, [`Ctx::judge`] a moderator with a stake in what they decide, [`Ctx::seller`]
//! also loads the seller's shop, and [`Ctx::open_seller`] refuses a shop that is not
//! open (suspended, closed), for every action that changes what the shop sells.
//!
//! Server functions build the context; the area's logic (`imp`) takes it (or just the
//! `AppState`) as an argument and never asks the request who is calling, nor for the
//! shopper's language, currency and country ([`Prefs`], read once here), nor for its
//! cookies ([`Request`], read once here too).

pub use backend::sellers::store::SellerShop;
use domain::Role;

use crate::accounts::session::{self, SessionUser};
use crate::error::AppError;
use crate::prefs::Prefs;
use crate::request::Request;
use crate::state::{app_state, AppState, Db};

/// A signed-in caller.
pub struct Ctx {
    pub state: AppState,
    pub user: SessionUser,
    pub prefs: Prefs,
    pub req: Request,
}

/// Anyone, signed in or not.
pub struct Visitor {
    pub state: AppState,
    pub user: Option<SessionUser>,
    pub prefs: Prefs,
    pub req: Request,
}

/// A storefront page's reader, not asked who they are (no session is looked up).
pub struct Storefront {
    pub state: AppState,
    pub prefs: Prefs,
}

/// A seller and their shop.
pub struct SellerCtx {
    pub state: AppState,
    pub user: SessionUser,
    pub shop: SellerShop,
    pub prefs: Prefs,
    pub req: Request,
}

impl Ctx {
    /// Anyone, without asking who: the storefront's pages.
    pub fn storefront() -> Result<Storefront, AppError> {
        Ok(Storefront {
            state: app_state()?,
            prefs: Prefs::current(),
        })
    }

    /// Anyone, signed in or not.
    pub async fn visitor() -> Result<Visitor, AppError> {
        let state = app_state()?;
        let req = Request::current();
        Ok(Visitor {
            user: session::user_of(&state, &req).await?,
            state,
            prefs: Prefs::current(),
            req,
        })
    }

    /// Anyone signed in, else `Unauthenticated`.
    pub async fn user() -> Result<Ctx, AppError> {
        let Visitor {
            state,
            user,
            prefs,
            req,
        } = Self::visitor().await?;
        Ok(Ctx {
            user: user.ok_or(AppError::Unauthenticated)?,
            state,
            prefs,
            req,
        })
    }

    /// The one role gate: a caller holding `role` (admins hold every role), else
    /// `Unauthenticated` (nobody signed in), `TwoStepRequired` (an admin whose account
    /// does not sign in with a code yet) or `Forbidden`.
    pub async fn role(role: Role) -> Result<Ctx, AppError> {
        let ctx = Self::user().await?;
        if ctx.user.roles.satisfies(role) {
            Ok(ctx)
        } else if ctx.user.admin_needs_two_step && matches!(role, Role::Admin | Role::Moderator) {
            Err(AppError::TwoStepRequired)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// A moderator deciding about `subject` (a case, report, decision, notice item,
    /// rights owner, review, sharing reward or seller application) who has no stake in
    /// it — not its shop's owner, reporter, notifier, registrant, author, sharer, buyer
    /// or applicant: no one decides their own case. Else `status.NotAllowed`.
    pub async fn judge(subject: surrealdb::types::RecordId) -> Result<Ctx, AppError> {
        let ctx = Self::role(Role::Moderator).await?;
        ctx.without_stake_in(subject).await?;
        Ok(ctx)
    }

    /// `status.NotAllowed` when the caller has a stake in `subject` (see [`Ctx::judge`]).
    pub async fn without_stake_in(
        &self,
        subject: surrealdb::types::RecordId,
    ) -> Result<(), AppError> {
        let parties = crate::moderation::store::conflict::parties(&self.state.db, subject).await?;
        if parties.contains(&self.user.id) {
            return Err(AppError::Invalid(vec![domain::FieldError::new(
                "status",
                domain::FieldErrorCode::NotAllowed,
            )]));
        }
        Ok(())
    }

    /// A seller with their shop, whatever its status (for reading).
    pub async fn seller() -> Result<SellerCtx, AppError> {
        let Ctx {
            state,
            user,
            prefs,
            req,
        } = Self::role(Role::Seller).await?;
        let shop = shop_of(&state.db, &user).await?;
        Ok(SellerCtx {
            state,
            user,
            shop,
            prefs,
            req,
        })
    }

    /// A seller whose shop is open (for changes).
    pub async fn open_seller() -> Result<SellerCtx, AppError> {
        let ctx = Self::seller().await?;
        open(&ctx.shop)?;
        Ok(ctx)
    }
}

/// The shop `user` runs, if any.
pub async fn find_shop_of(db: &Db, user: &SessionUser) -> Result<Option<SellerShop>, AppError> {
    Ok(crate::sellers::store::shop_of_owner(db, &user.id).await?)
}

/// The shop `user` runs; a seller account without one gets `NotFound`.
pub async fn shop_of(db: &Db, user: &SessionUser) -> Result<SellerShop, AppError> {
    find_shop_of(db, user).await?.ok_or(AppError::NotFound)
}

/// The shop `user` runs if it is open, else `Forbidden` (for changes).
pub async fn open_shop_of(db: &Db, user: &SessionUser) -> Result<SellerShop, AppError> {
    let shop = shop_of(db, user).await?;
    open(&shop)?;
    Ok(shop)
}

/// The one rule for changing what a shop sells: a shop that is not open (suspended,
/// closed, not yet approved) is refused.
fn open(shop: &SellerShop) -> Result<(), AppError> {
    if shop.is_open() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
