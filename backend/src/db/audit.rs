//! Audit entries: who did what to which record, written in the same transaction as the
//! change they record. The log is append-only (the database refuses updates and
//! deletes). Every action a person or job can take has a variant here, so the log's
//! vocabulary is one list.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue, ToSql};

/// Everything the audit log records. The text forms (`notice.taken_down`) are what
/// the log stores and what moderators read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    AccountSignUp,
    /// A password set again through an emailed reset link.
    AccountPasswordReset,
    /// A password changed by its signed-in owner.
    AccountPasswordChanged,
    /// Every session of an account ended by its owner.
    AccountSignedOutEverywhere,
    /// An account's email address confirmed by the mailed link.
    AccountEmailVerified,
    /// Two-step sign-in turned on (`true`) or off by the account's owner.
    AccountTwoStep(bool),
    /// New recovery codes made for two-step sign-in (`false`), or one used to sign in
    /// (`true`).
    AccountRecoveryCode(bool),
    PlatformSeed,
    ShopApprove,
    RightsOwnerRegistered,
    /// `verified` or `rejected`.
    RightsOwnerDecided(&'static str),
    BrandUpdated,
    BrandReferenceAdded,
    NoticeFiled,
    /// The notice item's new state (`taken_down`, `reinstated`, …).
    NoticeMoved(&'static str),
    ListingReported,
    ListingScreened,
    ReportReviewed,
    ReportDismissed,
    ShopSanctioned,
    /// The moderator's decision on a case (`approve`, `hold`, `remove`, …).
    ModerationCase(&'static str),
    AppealFiled,
    /// `granted` or `denied`.
    AppealDecided(&'static str),
    SettingsModerationPolicy,
    SettingsAutoApproveSellers,
    SettingsCommission,
    SettingsRequirementAdded,
    SettingsRequirementRemoved,
    ReviewKept,
    ReviewRemoved,
    /// A held product question or answer published, or one removed (`published`,
    /// `removed`).
    QaDecided(&'static str),
    /// A moderator's decision on a buyer's claim (`refund`, `partial_refund`, `close`).
    DisputeDecided(&'static str),
    FxRates,
    FxStaleHours,
    SellerCreate,
    SellerDocument,
    /// A step of a seller application (`seller.submit`, `seller.approve`, …), as the
    /// onboarding state machine names it.
    Seller(&'static str),
    ShopPayout,
    ShopPayoutAccount,
    CampaignSaved,
    CampaignPaused,
    CampaignResumed,
    /// A shop's promotion created in the marketing area.
    PromotionCreated,
    /// A promotion paused, resumed or ended (`promotion.paused`, …).
    PromotionMoved(&'static str),
    ReferralApproved,
    ReferralRejected,
    /// A refund made at Stripe attributed to one of the orders its payment paid.
    PaymentRefundAttributed,
    /// A card refund Stripe refused, tried again now.
    CardRefundRetried,
}

impl AuditAction {
    /// The text the log stores.
    pub fn name(self) -> String {
        use AuditAction::*;
        let fixed = match self {
            AccountSignUp => "account.sign_up",
            AccountPasswordReset => "account.password_reset",
            AccountPasswordChanged => "account.password_changed",
            AccountSignedOutEverywhere => "account.signed_out_everywhere",
            AccountEmailVerified => "account.email_verified",
            AccountTwoStep(true) => "account.two_step_on",
            AccountTwoStep(false) => "account.two_step_off",
            AccountRecoveryCode(false) => "account.recovery_codes_new",
            AccountRecoveryCode(true) => "account.recovery_code_used",
            PlatformSeed => "platform.seed",
            ShopApprove => "shop.approve",
            RightsOwnerRegistered => "rights_owner.registered",
            RightsOwnerDecided(to) => return format!("rights_owner.{to}"),
            BrandUpdated => "brand.updated",
            BrandReferenceAdded => "brand.reference_added",
            NoticeFiled => "notice.filed",
            NoticeMoved(to) => return format!("notice.{to}"),
            ListingReported => "listing.reported",
            ListingScreened => "listing.screened",
            ReportReviewed => "report.reviewed",
            ReportDismissed => "report.dismissed",
            ShopSanctioned => "shop.sanctioned",
            ModerationCase(action) => return format!("moderation.case.{action}"),
            AppealFiled => "appeal.filed",
            AppealDecided(to) => return format!("appeal.{to}"),
            SettingsModerationPolicy => "settings.moderation_policy",
            SettingsAutoApproveSellers => "settings.auto_approve_sellers",
            SettingsCommission => "settings.commission",
            SettingsRequirementAdded => "settings.requirement_added",
            SettingsRequirementRemoved => "settings.requirement_removed",
            ReviewKept => "review.kept",
            ReviewRemoved => "review.removed",
            QaDecided(to) => return format!("qa.{to}"),
            DisputeDecided(to) => return format!("dispute.{to}"),
            FxRates => "fx.rates",
            FxStaleHours => "fx.stale_hours",
            SellerCreate => "seller.create",
            SellerDocument => "seller.document",
            Seller(step) => return format!("seller.{step}"),
            ShopPayout => "shop.payout",
            ShopPayoutAccount => "shop.payout_account",
            CampaignSaved => "campaign.saved",
            CampaignPaused => "campaign.paused",
            CampaignResumed => "campaign.resumed",
            PromotionCreated => "promotion.created",
            PromotionMoved(to) => return format!("promotion.{to}"),
            ReferralApproved => "referral.approved",
            ReferralRejected => "referral.rejected",
            PaymentRefundAttributed => "payment.refund_attributed",
            CardRefundRetried => "payment.refund_retried",
        };
        fixed.to_string()
    }
}

/// One audit log row.
#[derive(Clone, Debug, SurrealValue)]
pub struct Audit {
    pub actor: Option<RecordId>,
    pub action: String,
    /// `table:key` of the record acted on (or a setting's name).
    pub subject: String,
    pub detail: serde_json::Value,
    pub at: DateTime<Utc>,
}

impl Audit {
    pub fn new(
        actor: Option<&RecordId>,
        action: AuditAction,
        subject: impl Into<String>,
        at: DateTime<Utc>,
    ) -> Self {
        Self {
            actor: actor.cloned(),
            action: action.name(),
            subject: subject.into(),
            detail: serde_json::json!({}),
            at,
        }
    }

    /// The record acted on, written as the database writes `type::string(id)`
    /// (`shop:⟨formosa-tea⟩`).
    pub fn on(
        actor: Option<&RecordId>,
        action: AuditAction,
        subject: &RecordId,
        at: DateTime<Utc>,
    ) -> Self {
        Self::new(actor, action, subject.to_sql(), at)
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}
