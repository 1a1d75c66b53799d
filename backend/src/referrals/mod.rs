//! The referrals area's database work (its store modules: SurrealQL and the rows it reads).
